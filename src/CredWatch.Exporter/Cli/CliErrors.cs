using System.CommandLine;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Cli;

/// <summary>
/// Expected failures as one stderr line each, never a stack trace: usage and configuration errors exit 3 (the
/// monitoring-plugin "unknown"), naming the flag or key the user wrote; a listen address in use exits 1.
/// </summary>
internal static class CliErrors
{
    public const int BadConfiguration = 3;

    public const int CannotServe = 1;

    private const string Hint = "run 'credwatch --help' for usage";

    public static bool IsConfigurationError(Exception ex) =>
        ex is OptionsValidationException or FileNotFoundException or InvalidDataException or FormatException
        || (ex is InvalidOperationException && ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        || (ex.InnerException is not null && IsConfigurationError(ex.InnerException));

    /// <summary>A command line that does not parse: the first error, one line, exit 3.</summary>
    public static int Usage(ParseResult parse)
    {
        // Some parser messages list choices on separate lines: one line, whatever the parser wrote.
        var errors = parse.Errors.Select(e => string.Join(' ', e.Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.'))
            .Distinct(StringComparer.Ordinal).ToList();
        Console.Error.WriteLine($"credwatch: {string.Join("; ", errors)} ({Hint})");
        return BadConfiguration;
    }

    /// <summary>
    /// A configuration that does not validate, exit 3. Keys set by a flag in <paramref name="given"/> are named by that
    /// flag (<c>--web.listen-address</c>, not <c>CredWatch:Web:ListenAddress</c>).
    /// </summary>
    public static int Report(Exception ex, IReadOnlyDictionary<string, string?>? given = null)
    {
        var message = ex is OptionsValidationException ov ? string.Join("; ", ov.Failures) : ex.Message;
        if (ex.InnerException is { } inner && ex is not OptionsValidationException)
        {
            message += " (" + (inner is OptionsValidationException iov ? string.Join("; ", iov.Failures) : inner.Message) + ")";
        }

        foreach (var key in given?.Keys ?? [])
        {
            if (CommonOptions.FlagOfKey.TryGetValue(key, out var flag))
            {
                message = message.Replace(key, flag, StringComparison.OrdinalIgnoreCase);
            }
        }

        Console.Error.WriteLine("credwatch: configuration error: " + message.ReplaceLineEndings(" ") + " (" + Hint + ")");
        return BadConfiguration;
    }

    /// <summary>True for Kestrel's "address already in use" (possibly wrapped by the host).</summary>
    public static bool IsAddressInUse(Exception ex) =>
        ex is AddressInUseException || (ex.InnerException is { } inner && IsAddressInUse(inner));

    public static int AddressInUse(string address)
    {
        Console.Error.WriteLine($"credwatch: cannot listen on {address}: address already in use (another process serves it; choose a free one with --web.listen-address)");
        return CannotServe;
    }
}
