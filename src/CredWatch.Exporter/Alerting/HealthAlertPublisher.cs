using CredWatch.Alerts;

namespace CredWatch.Exporter.Alerting;

/// <summary>
/// Profile health → Alerts hook (source <c>health</c>). The health component connects with one line per
/// evaluation: <c>publisher.Publish(agentsWithoutUsableAuth.Select(a =&gt; new NoUsableAuth(...)).ToList())</c>.
/// Publishing the full set each time makes vanished entries resolve.
/// </summary>
internal sealed class HealthAlertPublisher(IAlertSink sink)
{
    public const string Source = "health";

    public void Publish(IReadOnlyCollection<NoUsableAuth> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        sink.PublishConditions(Source, [.. agents.Select(Map)]);
    }

    internal static AlertCondition Map(NoUsableAuth a)
    {
        var provider = a.Provider is { } p ? $" for {p}" : string.Empty;
        var fix = a.RepairCommand is { } cmd ? $"\nFix: {cmd}" : string.Empty;
        return new AlertCondition($"{AlertKinds.NoUsableAuth}/{a.AgentId}/{a.Provider ?? "-"}", AlertKinds.NoUsableAuth, AlertSeverity.Critical,
            $"No usable login: agent {a.AgentId} has no working credential{provider}; its turns fail. {a.Detail}{fix}")
        {
            ResolvedText = $"resolved: agent {a.AgentId} has a usable login{provider} again",
        };
    }
}
