namespace CredWatch.Alerts.Model;

/// <summary>What producers (the Exporter's scanners, LogTail glue, the task ledger reader) call.</summary>
public interface IAlertSink
{
    /// <summary>
    /// Publishes the full current set of conditions of one source (e.g. "stores", "tasks"). Conditions
    /// new to the set fire, ones that stay repeat every <c>Alerts:RepeatInterval</c>, ones that vanish resolve.
    /// Publishing the same set again is a no-op. Thread-safe; never blocks on the network.
    /// </summary>
    void PublishConditions(string source, IReadOnlyCollection<AlertCondition> conditions);

    /// <summary>Raises a one-shot event; a key seen before (within the retention window) is ignored.</summary>
    void Raise(AlertEvent alert);

    /// <summary>
    /// Ends every firing condition of <paramref name="source"/> with a follow-up decided now (not the
    /// <see cref="AlertCondition.ResolvedText"/> given when it fired): sent once, to where the alert went.
    /// <paramref name="recovered"/> false keeps the alert's severity (an outcome that is a loss, not a fix).
    /// </summary>
    void ResolveConditions(string source, string followUp, bool recovered) => PublishConditions(source, []);
}
