using System.Globalization;
using System.Text;
using CredWatch.Alerts;
using CredWatch.Exporter.Resync;
using CredWatch.Alerts.Model;

namespace CredWatch.Exporter.AlertMapping;

/// <summary>
/// Resync → Alerts: registered as an <see cref="IResyncResultSink"/>, so every daemon resync pass that did
/// something is announced.
/// One event for what was repaired and one for what failed, per run (the stale_copy condition resolves on
/// the next scan by itself).
/// </summary>
internal sealed class ResyncAlertPublisher(IAlertSink sink, TimeProvider time) : IResyncResultSink
{
    public void OnResyncCompleted(SyncReport report) => Publish(report);

    public void Publish(SyncReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.DryRun)
        {
            return;
        }

        Publish([.. report.Outcomes.Select(o => new ResyncAlertItem(
            o.AgentId, o.ProfileDisplayId, o.Provider,
            o.Action == ResyncAction.Repaired ? ResyncAlertResult.Repaired : o.Action == ResyncAction.Failed ? ResyncAlertResult.Failed : ResyncAlertResult.Other,
            o.Reason, o.Detail, o.RepairCommand))]);
    }

    /// <summary>The layout-free entry point (for other producers and tests).</summary>
    public void Publish(IReadOnlyList<ResyncAlertItem> items)
    {
        var run = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var repaired = items.Where(i => i.Result == ResyncAlertResult.Repaired).ToList();
        var failed = items.Where(i => i.Result == ResyncAlertResult.Failed).ToList();
        if (repaired.Count > 0)
        {
            var sb = new StringBuilder($"Resync done: {repaired.Count} stale cop{(repaired.Count == 1 ? "y" : "ies")} repaired from the source login.");
            foreach (var i in repaired)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\n- agent {i.AgentId}, profile {i.ProfileDisplayId} ({i.Provider})");
            }

            sink.Raise(new AlertEvent($"{AlertKinds.ResyncDone}/{run}", AlertKinds.ResyncDone, AlertSeverity.Info, sb.ToString()));
        }

        if (failed.Count > 0)
        {
            var sb = new StringBuilder($"Resync failed for {failed.Count} cop{(failed.Count == 1 ? "y" : "ies")}; nothing was overwritten for them.");
            foreach (var i in failed)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\n- agent {i.AgentId}, profile {i.ProfileDisplayId} ({i.Provider}): {i.Reason ?? "failed"} — {i.Detail}");
                if (i.RepairCommand is { } cmd)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"\n  Fix: {cmd}");
                }
            }

            sink.Raise(new AlertEvent($"{AlertKinds.ResyncFailed}/{run}", AlertKinds.ResyncFailed, AlertSeverity.Critical, sb.ToString()));
        }
    }
}
