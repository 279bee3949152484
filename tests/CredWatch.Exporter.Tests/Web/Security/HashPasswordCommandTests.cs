using System.CommandLine;
using CredWatch.Exporter.Web.Security;

namespace CredWatch.Exporter.Tests.Web.Security;

public sealed class HashPasswordCommandTests
{
    [Fact]
    public void Run_prints_a_bcrypt_hash_of_the_first_stdin_line()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = HashPasswordCommand.Run(new StringReader("s3cret pass\nignored\n"), output, error, cost: 4);

        exit.Should().Be(0);
        var hash = output.ToString().Trim();
        hash.Should().StartWith("$2").And.HaveLength(60).And.NotContain("s3cret");
        WebConfigParser.LooksLikeBcrypt(hash).Should().BeTrue();
        BCrypt.Net.BCrypt.Verify("s3cret pass", hash).Should().BeTrue();
        BCrypt.Net.BCrypt.Verify("s3cret pass\n", hash).Should().BeFalse();
        error.ToString().Should().BeEmpty();
    }

    [Theory]
    [InlineData("", 4, 1)]
    [InlineData("\n", 4, 1)]
    [InlineData("pw\n", 3, 2)]
    [InlineData("pw\n", 32, 2)]
    public void Bad_input_exits_non_zero_and_prints_no_hash(string stdin, int cost, int expectedExit)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        HashPasswordCommand.Run(new StringReader(stdin), output, error, cost).Should().Be(expectedExit);

        output.ToString().Should().BeEmpty();
        error.ToString().Should().StartWith("hash-password:");
    }

    [Fact]
    public void Passwords_bcrypt_would_truncate_are_refused()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var longPassword = new string('x', 73);

        HashPasswordCommand.Run(new StringReader(longPassword), output, error, 4).Should().Be(1);

        output.ToString().Should().BeEmpty();
        error.ToString().Should().NotContain(longPassword);
    }

    [Theory]
    [InlineData("hash-password --cost 5", "$2a$05$")]
    [InlineData("web-hash --cost 4", "$2a$04$")]
    [InlineData("web-hash", "$2a$10$")]
    public void The_verb_registers_on_a_root_command_under_both_names(string commandLine, string prefix)
    {
        var root = new RootCommand("credwatch");
        root.Subcommands.Add(HashPasswordCommand.Create(new StringReader("from stdin\n")));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = root.Parse(commandLine).Invoke(new InvocationConfiguration { Output = output, Error = error });

        exit.Should().Be(0, error.ToString());
        var hash = output.ToString().Trim();
        hash.Should().StartWith(prefix);
        BCrypt.Net.BCrypt.Verify("from stdin", hash).Should().BeTrue();
    }
}
