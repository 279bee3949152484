using System.Text.RegularExpressions;
using CredWatch.Exporter.Cli;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Hosting;
using Microsoft.Extensions.Configuration;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// The Dockerfile, docker-compose.yml and systemd unit use the host's real CLI flags and environment names:
/// each CREDWATCH_* variable they set binds to an existing option, and each command line parses.
/// </summary>
public sealed partial class DeployCliContractTests
{
    public static TheoryData<string> DeployFiles => new() { "Dockerfile", "docker-compose.yml", "deploy/credwatch.service" };

    [Theory]
    [MemberData(nameof(DeployFiles))]
    public void Every_CREDWATCH_variable_binds_to_a_real_option(string file)
    {
        var text = File.ReadAllText(Path.Combine(OpsFiles.Root, file));
        var variables = EnvAssignment().Matches(text)
            .Select(m => (Key: m.Groups["key"].Value, Value: m.Groups["value"].Value.Trim('"', '\'')))
            .Where(v => !v.Key.EndsWith("_UID", StringComparison.Ordinal) && !v.Key.EndsWith("_GID", StringComparison.Ordinal)) // compose's user: interpolation, not CredWatch's
            .ToList();
        variables.Should().NotBeEmpty($"{file} sets CredWatch's home/state dir through CREDWATCH_* variables");

        foreach (var (key, value) in variables)
        {
            var mapped = CredWatchConfiguration.FromEnvironment(new Dictionary<string, string> { [key] = value });
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(mapped).Build();
            ConfigurationKeys.Unknown(configuration).Should().BeEmpty($"{file}: {key} must map to an existing CredWatch option");
            var bound = configuration.GetSection(CredWatchOptions.SectionName).Get<CredWatchOptions>()!;
            if (key == "CREDWATCH_HOME")
            {
                bound.Home.Should().Be(value);
            }

            if (key == "CREDWATCH_STATEDIR")
            {
                bound.StateDir.Should().Be(value, $"{file}: the state dir variable is CREDWATCH_STATEDIR (key StateDir)");
            }
        }
    }

    [Theory]
    [InlineData("Dockerfile", "--web.listen-address 0.0.0.0:9797")]
    [InlineData("docker-compose.yml", "--web.listen-address 0.0.0.0:9797")]
    [InlineData("deploy/credwatch.service", "--web.listen-address 127.0.0.1:9797")]
    public void The_shipped_command_line_parses(string file, string args)
    {
        File.ReadAllText(Path.Combine(OpsFiles.Root, file)).Replace("\", \"", " ", StringComparison.Ordinal)
            .Should().Contain(args, "the test parses the arguments the file actually passes");
        var parse = CliVerbs.CreateRoot().Parse(args.Split(' '));
        parse.Errors.Should().BeEmpty();
    }

    [GeneratedRegex(@"(?<key>CREDWATCH_[A-Z_]+)[=:][ ]?(?<value>[^\s\\]+)")]
    private static partial Regex EnvAssignment();
}
