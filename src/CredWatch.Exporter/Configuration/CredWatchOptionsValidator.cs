using System.Globalization;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Configuration;

/// <summary>Rejects bad configuration at start with messages naming the key.</summary>
internal sealed class CredWatchOptionsValidator : IValidateOptions<CredWatchOptions>
{
    public ValidateOptionsResult Validate(string? name, CredWatchOptions options)
    {
        var errors = new List<string>();
        if (!ListenAddress.TryParse(options.Web.ListenAddress, out _))
        {
            errors.Add($"CredWatch:Web:ListenAddress '{options.Web.ListenAddress}' is not HOST:PORT (e.g. 127.0.0.1:9797)");
        }

        if (options.Scan.RescanInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add("CredWatch:Scan:RescanInterval must be at least 00:00:01");
        }

        if (options.Scan.Debounce < TimeSpan.Zero || options.Scan.Debounce > TimeSpan.FromSeconds(5))
        {
            errors.Add("CredWatch:Scan:Debounce must be between 0 and 00:00:05");
        }

        if (options.Scan.MaxFileBytes < 1024)
        {
            errors.Add("CredWatch:Scan:MaxFileBytes must be at least 1024");
        }

        if (options.Scan.TornReadRetries is < 0 or > 20)
        {
            errors.Add("CredWatch:Scan:TornReadRetries must be between 0 and 20");
        }

        if (options.Scan.RefreshFenceGrace <= TimeSpan.Zero)
        {
            errors.Add("CredWatch:Scan:RefreshFenceGrace must be positive");
        }

        if (options.Check.WarningWindow < TimeSpan.Zero)
        {
            errors.Add("CredWatch:Check:WarningWindow must not be negative");
        }

        foreach (var (provider, store) in options.Sources)
        {
            // The store labels of the two CLI sources; spelled here because the options sit below Stores.
            if (store is not ("claude-cli" or "codex-cli"))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"CredWatch:Sources:{provider} '{store}' must be 'claude-cli' or 'codex-cli'"));
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
