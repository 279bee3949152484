using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Cli;

/// <summary>Turns start-up failures (bad config) into one clear stderr line and exit code 3.</summary>
internal static class CliErrors
{
    public const int BadConfiguration = 3;

    public static bool IsConfigurationError(Exception ex) =>
        ex is OptionsValidationException or FileNotFoundException or InvalidDataException or FormatException
        || (ex is InvalidOperationException && ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        || (ex.InnerException is not null && IsConfigurationError(ex.InnerException));

    public static int Report(Exception ex)
    {
        var message = ex is OptionsValidationException ov ? string.Join("; ", ov.Failures) : ex.Message;
        if (ex.InnerException is { } inner && ex is not OptionsValidationException)
        {
            message += " (" + (inner is OptionsValidationException iov ? string.Join("; ", iov.Failures) : inner.Message) + ")";
        }

        Console.Error.WriteLine("credwatch: configuration error: " + message);
        return BadConfiguration;
    }
}
