using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Effective;

/// <summary>
/// Serves the effective credentials of the registry's current state to metrics, status and alerts. Re-resolved when
/// the registry publishes a new generation, OpenClaw's config changes, or a minute has passed (cooldowns and
/// expiries move with the clock alone).
/// </summary>
internal sealed class EffectiveCredentials(StoreRegistry registry, OpenClawInstallation installation, TimeProvider time)
{
    private static readonly TimeSpan Validity = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private (long Generation, OpenClawConfig Config, DateTimeOffset At, IReadOnlyList<EffectiveCredential> List)? _last;

    public IReadOnlyList<EffectiveCredential> Current => Evaluate(registry.Current);

    /// <summary>Resolves against a given state (check uses the state of its own scan).</summary>
    public IReadOnlyList<EffectiveCredential> Evaluate(RegistryState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = time.GetUtcNow();
        var config = installation.Resolve().Config;
        lock (_gate)
        {
            if (_last is { } l && l.Generation == state.Generation && ReferenceEquals(l.Config, config) && now >= l.At && now - l.At < Validity)
            {
                return l.List;
            }

            var list = EffectiveCredentialResolver.Resolve(state, OpenClawAuthConfig.From(config), now);
            _last = (state.Generation, config, now, list);
            return list;
        }
    }
}
