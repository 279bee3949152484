using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Effective;

/// <summary>
/// Serves the effective credentials of the registry's current state to metrics, status and alerts. Re-resolved when
/// the registry publishes a new generation, <c>openclaw.json</c> changes, or a minute has passed (cooldowns and
/// expiries move with the clock alone).
/// </summary>
internal sealed class EffectiveCredentials(StoreRegistry registry, TimeProvider time)
{
    private static readonly TimeSpan Validity = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private (long Generation, string ConfigStamp, DateTimeOffset At, IReadOnlyList<EffectiveCredential> List)? _last;

    public IReadOnlyList<EffectiveCredential> Current => Evaluate(registry.Current);

    /// <summary>Resolves against a given state (check uses the state of its own scan).</summary>
    public IReadOnlyList<EffectiveCredential> Evaluate(RegistryState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = time.GetUtcNow();
        var stamp = ConfigStamp(state.OpenClawStateDir);
        lock (_gate)
        {
            if (_last is { } l && l.Generation == state.Generation && l.ConfigStamp == stamp && now >= l.At && now - l.At < Validity)
            {
                return l.List;
            }

            var list = EffectiveCredentialResolver.Resolve(state, OpenClawAuthConfig.Read(state.OpenClawStateDir), now);
            _last = (state.Generation, stamp, now, list);
            return list;
        }
    }

    private static string ConfigStamp(string? stateDir)
    {
        if (stateDir is null)
        {
            return string.Empty;
        }

        var info = new FileInfo(Path.Combine(stateDir, OpenClawFiles.ConfigFile));
        return info.Exists ? $"{info.Length}/{info.LastWriteTimeUtc.Ticks}" : "-";
    }
}
