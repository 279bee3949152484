namespace CredWatch.Exporter.Resync;

/// <summary>
/// Text and exit code of <c>credwatch sync</c>: one line per (agent, profile), then a summary.
/// Exit 1 when any repair failed, else 0 (refusals are decisions, not failures). The full profile id is
/// printed: this runs in the operator's own terminal.
/// </summary>
internal static class SyncCommandOutput
{
    public const int ExitOk = 0;
    public const int ExitRepairFailed = 1;

    public static int Write(SyncReport report, TextWriter output)
    {
        if (report.Outcomes.Count == 0)
        {
            output.WriteLine("sync: no OpenClaw credential copies to consider");
            return ExitOk;
        }

        foreach (var o in report.Outcomes)
        {
            var what = o.Action switch
            {
                ResyncAction.Repaired => $"{o.Detail} (proof: {Proof(o.Proof)})" + (o.BackupPath is null ? "" : $"; backup {Path.GetFileName(o.BackupPath)}"),
                ResyncAction.WouldRepair => $"would repair ({o.Detail})",
                ResyncAction.InSync => "in sync",
                ResyncAction.Skipped => $"skipped: {o.Reason} — {o.Detail}",
                ResyncAction.Failed => $"FAILED: {o.Reason} — {o.Detail}",
                _ => o.Action.ToString(),
            };
            output.WriteLine($"{o.AgentId}\t{o.ProfileId}\t{what}");
            if (o.RepairCommand is not null)
            {
                output.WriteLine($"\trun: {o.RepairCommand}   # in an interactive terminal (OpenClaw needs a TTY)");
            }
        }

        int Count(ResyncAction a) => report.Outcomes.Count(o => o.Action == a);
        output.WriteLine(report.DryRun
            ? $"dry run: {Count(ResyncAction.WouldRepair)} would be repaired, {Count(ResyncAction.Skipped)} skipped, {Count(ResyncAction.InSync)} in sync; nothing written"
            : $"{Count(ResyncAction.Repaired)} repaired, {Count(ResyncAction.Failed)} failed, {Count(ResyncAction.Skipped)} skipped, {Count(ResyncAction.InSync)} in sync");
        return report.AnyFailed ? ExitRepairFailed : ExitOk;
    }

    private static string Proof(ResyncProof p) => p switch
    {
        ResyncProof.CliImportProfile => "cli import profile",
        ResyncProof.PriorSourceRefresh => "earlier source token",
        ResyncProof.AccountMatch => "same account",
        ResyncProof.OperatorMapping => "operator mapping",
        ResyncProof.Lineage => "same lineage",
        _ => "none",
    };
}
