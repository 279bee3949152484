using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Hosting;

/// <summary>
/// The ledger's lines in <c>credwatch check</c>: 1 (warning) for any undelivered result, 2 (critical) for a
/// lost / parent_missing one. A missing ledger, or a state database without task tables, is fine (no ledger here); an unreadable one is unknown.
/// The pass runs against a throw-away counted-task file, so <c>check</c> neither counts nor marks anything
/// the daemon has yet to count or alert.
/// </summary>
internal sealed class TaskCheckContributor(
    IAgentLoginStateSource logins,
    IOptions<TaskLedgerOptions> options,
    TimeProvider time) : ICheckContributor
{
    private const string Component = "tasks";

    public async Task<IReadOnlyList<CheckLine>> GetLinesAsync(RegistryState state, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return [];
        }

        var path = options.Value.RequiredStateDatabase();
        var scratch = Directory.CreateTempSubdirectory("credwatch-check-");
        try
        {
            // The monitor owns (and disposes) its reader. Its log lines would only repeat the check's own lines on stderr.
            using var monitor = new TaskLedgerMonitor(new TaskLedgerReader(path, options.Value.BusyTimeout), new CountedTaskStore(scratch.FullName), logins, new NullTaskResultSink(), options, time, NullLogger<TaskLedgerMonitor>.Instance);
            var snapshot = await monitor.PassAsync(full: true, cancellationToken);
            if (!snapshot.Up && snapshot.Absent)
            {
                var why = snapshot.Reason == LedgerReasons.NotApplicable ? "the state database has no task tables (this OpenClaw keeps no task ledger)" : "no state database";
                return [new CheckLine(CheckSeverity.Ok, Component, "ledger", $"{snapshot.Reason}: {why} at {path}: nothing to check")];
            }

            var report = TaskReports.Check(snapshot);
            var severity = !snapshot.Up && report.ExitCode == 0 ? CheckSeverity.Unknown : (CheckSeverity)report.ExitCode;
            // Same severity on every line keeps a result and its numbered commands together in the table.
            return [.. report.Lines.Select(line => new CheckLine(severity, Component, "ledger", line))];
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
