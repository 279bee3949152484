using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Resync;

internal sealed class ResyncOptionsValidator : IValidateOptions<ResyncOptions>
{
    public ValidateOptionsResult Validate(string? name, ResyncOptions options)
    {
        var l = options.Lock;
        (bool Invalid, string Error)[] rules =
        [
            (options.BackupCount is < 1 or > 100, "Resync:BackupCount must be 1..100."),
            (options.SqliteBusyTimeout <= TimeSpan.Zero || options.SqliteBusyTimeout > TimeSpan.FromMinutes(1),
                "Resync:SqliteBusyTimeout must be > 0 and ≤ 1 min."),
            (options.Debounce < TimeSpan.Zero || options.Debounce > TimeSpan.FromMinutes(5), "Resync:Debounce must be 0..5 min."),
            (options.RetryInterval < TimeSpan.FromSeconds(1) || options.RetryInterval > TimeSpan.FromDays(1),
                "Resync:RetryInterval must be 1 s..1 day."),
            (l.StaleAfter <= TimeSpan.Zero, "Resync:Lock:StaleAfter must be > 0."),
            (l.Retries is < 0 or > 50, "Resync:Lock:Retries must be 0..50."),
            (l.MinBackoff <= TimeSpan.Zero || l.MaxBackoff < l.MinBackoff, "Resync:Lock:MinBackoff must be > 0 and ≤ MaxBackoff."),
            (options.Mappings.Any(m => string.IsNullOrWhiteSpace(m.Agent) || string.IsNullOrWhiteSpace(m.Profile)
                    || m.Source is not ("claude-cli" or "codex-cli")),
                "Resync:Mappings entries need Agent, Profile and Source (claude-cli | codex-cli)."),
        ];
        var errors = rules.Where(r => r.Invalid).Select(r => r.Error).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
