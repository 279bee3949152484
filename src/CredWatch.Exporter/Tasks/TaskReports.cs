using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Formatters the core's CLI calls: <c>check</c> lines, <c>scan --tasks</c> (text or JSON), and the
/// <c>/api/status</c> section. Only bounded fields are printed (label ≤ 80 chars, error classes).
/// </summary>
internal static class TaskReports
{
    public static TaskCheckReport Check(TaskLedgerSnapshot snapshot)
    {
        var lines = new List<string>();
        if (!snapshot.Up && snapshot.Reason is { } reason)
        {
            lines.Add("tasks: ledger unavailable (" + reason + ")" + (snapshot.Results.Count > 0 ? "; last known results:" : string.Empty));
        }

        if (snapshot.Results.Count == 0)
        {
            if (snapshot.Up)
            {
                lines.Add("tasks: OK, every result delivered (" + snapshot.TotalTasks.ToString(CultureInfo.InvariantCulture) + " tasks)");
            }

            return new TaskCheckReport(lines, 0);
        }

        var byReason = snapshot.Results.GroupBy(r => r.ReasonLabel).Select(g => g.Count().ToString(CultureInfo.InvariantCulture) + " " + g.Key);
        lines.Add("tasks: " + snapshot.Results.Count.ToString(CultureInfo.InvariantCulture) + " undelivered result(s): " + string.Join(", ", byReason));
        foreach (var r in snapshot.Results)
        {
            AppendItem(lines, TaskResultItem.From(r));
        }

        var exit = snapshot.Results.Any(r => TaskLabels.IsCritical(r.Reason)) ? 2 : 1;
        return new TaskCheckReport(lines, exit);
    }

    /// <summary>One-shot read of a state database (no counting, no alerts, nothing written).</summary>
    public static TaskScanReport Scan(string databasePath, TaskLedgerOptions options, TimeProvider time)
    {
        using var reader = new TaskLedgerReader(databasePath, options.BusyTimeout);
        var read = reader.Read(full: true);
        var now = time.GetUtcNow();
        var results = new List<UndeliveredResult>();
        foreach (var t in read.Reason is null ? read.Tracked : [])
        {
            if (TaskClassifier.Classify(t, now.ToUnixTimeMilliseconds(), options.StuckPendingGrace, options.StaleRunningLimit) is { } reason)
            {
                results.Add(UndeliveredResultBuilder.Build(t, reason, login: null));
            }
        }

        results.Sort(UndeliveredResult.NewestFirst);
        return new TaskScanReport
        {
            Database = databasePath,
            ScannedAt = now,
            Up = read.Reason is null,
            Reason = read.Reason,
            Detail = read.Detail,
            TotalTasks = read.TotalTasks,
            Count = results.Count,
            Results = [.. results.Select(TaskResultItem.From)],
        };
    }

    /// <summary>
    /// <c>credwatch scan --tasks [STATE_DB] [--json]</c>: prints every undelivered result newest first with
    /// its topic. Exit: 0 none, 1 some, 2 any lost/parent_missing, 3 the database could not be read.
    /// </summary>
    public static int WriteScan(TaskScanReport report, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, TaskJsonContext.Default.TaskScanReport));
        }
        else if (!report.Up)
        {
            output.WriteLine("tasks: cannot read " + report.Database + ": " + report.Reason + " (" + report.Detail + ")");
        }
        else
        {
            output.WriteLine("tasks: " + report.Count.ToString(CultureInfo.InvariantCulture) + " undelivered of "
                + report.TotalTasks.ToString(CultureInfo.InvariantCulture) + " tasks in " + report.Database + " (newest first)");
            var lines = new List<string>();
            foreach (var r in report.Results)
            {
                AppendItem(lines, r);
            }

            lines.ForEach(output.WriteLine);
        }

        return !report.Up ? 3 : report.Results.Count == 0 ? 0 : report.Results.Any(r => r.Reason is "lost" or "parent_missing") ? 2 : 1;
    }

    public static string StatusJson(TaskLedgerSnapshot snapshot, int limit) =>
        JsonSerializer.Serialize(TaskStatusSection.From(snapshot, limit), TaskJsonContext.Default.TaskStatusSection);

    private static void AppendItem(List<string> lines, TaskResultItem r)
    {
        var sb = new StringBuilder("UNDELIVERED ").Append(r.Reason).Append(' ').Append(r.Runtime)
            .Append(" task=").Append(r.TaskId)
            .Append(" agent=").Append(r.Agent ?? "?")
            .Append(" ended=").Append(r.EndedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-")
            .Append(" topic=").Append(r.Topic ?? r.RequesterSessionKey ?? "default")
            .Append(" cause=").Append(r.Cause);
        if (r.DeadlineAt is { } d)
        {
            sb.Append(" saveable-until=").Append(d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture));
        }

        if (r.SuspendedReason is { } sr)
        {
            sb.Append(" suspended=").Append(sr);
        }

        if (r.LastError is { } le)
        {
            sb.Append(" last-error=\"").Append(le).Append('"');
        }

        sb.Append(" label=\"").Append(r.Label.Replace("\"", "'", StringComparison.Ordinal)).Append('"');
        lines.Add(sb.ToString());
        for (var i = 0; i < r.Commands.Count; i++)
        {
            var c = r.Commands[i];
            lines.Add("  " + (i + 1).ToString(CultureInfo.InvariantCulture) + ". " + c.Command + (c.Note is null ? string.Empty : "   # " + c.Note));
        }
    }
}
