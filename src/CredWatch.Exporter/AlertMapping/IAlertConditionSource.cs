using CredWatch.Alerts;
using CredWatch.Exporter.Registry;
using CredWatch.Alerts.Model;

namespace CredWatch.Exporter.AlertMapping;

/// <summary>
/// A level-triggered condition set derived from the registry (besides the stores' own): published by
/// <see cref="StoreAlertPublisher"/> on the same registry changes and clock ticks, so every registry-derived
/// source resolves and repeats on one rhythm.
/// </summary>
internal interface IAlertConditionSource
{
    /// <summary>The alert book's source name; each publish replaces this source's whole set.</summary>
    string Source { get; }

    IReadOnlyCollection<AlertCondition> Conditions(RegistryState state);
}
