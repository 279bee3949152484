using CredWatch.Alerts;
using CredWatch.Alerts.Model;

namespace CredWatch.Exporter.Tests.AlertMapping;

internal sealed class RecordingAlertSink : IAlertSink
{
    public List<(string Source, IReadOnlyCollection<AlertCondition> Conditions)> Published { get; } = [];

    public List<AlertEvent> Raised { get; } = [];

    public void PublishConditions(string source, IReadOnlyCollection<AlertCondition> conditions) => Published.Add((source, [.. conditions]));

    public List<(string Source, string FollowUp, bool Recovered)> Ended { get; } = [];

    public void Raise(AlertEvent alert) => Raised.Add(alert);

    public void ResolveConditions(string source, string followUp, bool recovered) => Ended.Add((source, followUp, recovered));
}
