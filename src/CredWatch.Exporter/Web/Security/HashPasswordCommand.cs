using System.CommandLine;
using System.Text;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// <c>credwatch hash-password</c> (alias <c>web-hash</c>): reads a password from stdin and prints a bcrypt
/// hash for <c>basic_auth_users</c>, so nobody needs htpasswd. The password never appears in argv.
/// </summary>
public static class HashPasswordCommand
{
    public const int DefaultCost = 10;

    /// <summary>bcrypt only looks at the first 72 bytes; Go's bcrypt refuses longer passwords, so do we.</summary>
    public const int MaxPasswordBytes = 72;

    /// <summary>The verb for the CLI root: <c>root.Subcommands.Add(HashPasswordCommand.Create());</c>.</summary>
    public static Command Create(TextReader? input = null)
    {
        var cost = new Option<int>("--cost")
        {
            Description = "bcrypt cost (work factor), 4–31",
            DefaultValueFactory = _ => DefaultCost,
        };
        var command = new Command("hash-password", "Read a password from stdin and print its bcrypt hash for the web config's basic_auth_users");
        command.Aliases.Add("web-hash");
        command.Options.Add(cost);
        command.SetAction(parseResult => Run(
            input ?? Console.In,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            parseResult.GetValue(cost)));
        return command;
    }

    /// <summary>Reads the first line of <paramref name="input"/> (no trailing newline) and writes its hash. Returns the exit code.</summary>
    public static int Run(TextReader input, TextWriter output, TextWriter error, int cost = DefaultCost)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (cost is < 4 or > 31)
        {
            error.WriteLine("hash-password: --cost must be between 4 and 31");
            return 2;
        }

        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("hash-password: no password on stdin (pipe it in, e.g. `read -rs PW; printf '%s\\n' \"$PW\" | credwatch hash-password`)");
            return 1;
        }

        if (Encoding.UTF8.GetByteCount(password) > MaxPasswordBytes)
        {
            error.WriteLine($"hash-password: password is longer than {MaxPasswordBytes} bytes, which bcrypt cannot use");
            return 1;
        }

        output.WriteLine(HashPassword(password, cost));
        return 0;
    }

    /// <summary>A <c>$2a$</c> hash, the variant Go's bcrypt (and so every exporter) writes and reads.</summary>
    public static string HashPassword(string password, int cost = DefaultCost) =>
        BCrypt.Net.BCrypt.HashPassword(password, cost);
}
