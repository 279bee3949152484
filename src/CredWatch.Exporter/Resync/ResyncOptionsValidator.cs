using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Resync;

internal sealed class ResyncOptionsValidator : IValidateOptions<ResyncOptions>
{
    public ValidateOptionsResult Validate(string? name, ResyncOptions options)
    {
        var errors = new List<string>();
        if (options.BackupCount is < 1 or > 100)
        {
            errors.Add("Resync:BackupCount must be 1..100.");
        }

        if (options.SqliteBusyTimeout <= TimeSpan.Zero || options.SqliteBusyTimeout > TimeSpan.FromMinutes(1))
        {
            errors.Add("Resync:SqliteBusyTimeout must be > 0 and ≤ 1 min.");
        }

        if (options.Debounce < TimeSpan.Zero || options.Debounce > TimeSpan.FromMinutes(5))
        {
            errors.Add("Resync:Debounce must be 0..5 min.");
        }

        if (options.RetryInterval < TimeSpan.FromSeconds(1) || options.RetryInterval > TimeSpan.FromDays(1))
        {
            errors.Add("Resync:RetryInterval must be 1 s..1 day.");
        }

        var l = options.Lock;
        if (l.StaleAfter <= TimeSpan.Zero)
        {
            errors.Add("Resync:Lock:StaleAfter must be > 0.");
        }

        if (l.Retries is < 0 or > 50)
        {
            errors.Add("Resync:Lock:Retries must be 0..50.");
        }

        if (l.MinBackoff <= TimeSpan.Zero || l.MaxBackoff < l.MinBackoff)
        {
            errors.Add("Resync:Lock:MinBackoff must be > 0 and ≤ MaxBackoff.");
        }

        foreach (var m in options.Mappings)
        {
            if (string.IsNullOrWhiteSpace(m.Agent) || string.IsNullOrWhiteSpace(m.Profile) || m.Source is not ("claude-cli" or "codex-cli"))
            {
                errors.Add("Resync:Mappings entries need Agent, Profile and Source (claude-cli | codex-cli).");
                break;
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
