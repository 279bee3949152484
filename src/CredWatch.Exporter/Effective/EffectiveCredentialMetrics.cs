using System.Diagnostics.Metrics;
using CredWatch.Exporter.Metrics;

namespace CredWatch.Exporter.Effective;

/// <summary>
/// <c>credwatch_agent_effective_credential{agent,provider,store,profile,kind,state}</c>: one series per agent and
/// provider naming the credential the next turn uses; 1 when that login is alive, else 0.
/// </summary>
internal sealed class EffectiveCredentialMetrics
{
    public EffectiveCredentialMetrics(IMeterFactory meterFactory, EffectiveCredentials effective)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(effective);
        var meter = meterFactory.Create(MetricNames.Meter);
        meter.CreateObservableGauge(MetricNames.AgentEffectiveCredential, () => Measure(effective.Current),
            description: "The credential an agent's next turn uses per provider (OpenClaw's own order); 1 when its login is alive");
    }

    internal static IEnumerable<Measurement<int>> Measure(IReadOnlyList<EffectiveCredential> list) =>
        list.Select(e => new Measurement<int>(e.Alive ? 1 : 0, MetricTags.Sorted(
            new(MetricNames.TagAgent, e.Agent),
            new(MetricNames.TagProvider, e.Provider),
            new(MetricNames.TagStore, e.Chosen?.Store.Store ?? "none"),
            new(MetricNames.TagProfile, e.Chosen?.DisplayId ?? string.Empty),
            new(MetricNames.TagKind, e.Chosen?.Kind ?? EffectiveKinds.None),
            new(MetricNames.TagState, e.State))));
}
