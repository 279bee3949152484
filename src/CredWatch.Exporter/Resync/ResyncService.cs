using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// One sync pass over core's candidates: decide each, read the sources just in time, write per store
/// file (one lock, one write for all its profiles), then log and count every outcome.
/// Used by <c>credwatch sync</c> and by the daemon's <c>--resync</c> on each snapshot.
/// </summary>
internal sealed class ResyncService(
    IOptions<ResyncOptions> options,
    Stores.Fingerprinter fingerprinter,
    ISourceCredentialReader sourceReader,
    ResyncMetrics metrics,
    TimeProvider time,
    ILogger<ResyncService> logger)
{
    private readonly ResyncOptions _options = options.Value;

    public async Task<SyncReport> RunAsync(IReadOnlyList<ResyncCandidate> candidates, SyncRequest request, CancellationToken cancellationToken)
    {
        var outcomes = new List<ResyncOutcome>();
        var planned = new List<(ResyncCandidate Candidate, ResyncDecision Decision)>();
        var now = time.GetUtcNow();
        foreach (var c in candidates)
        {
            if (request.Agents.Count > 0 && !request.Agents.Contains(c.AgentId))
            {
                continue;
            }

            var d = ResyncDecider.Decide(c, now, _options);
            if (d.Repair)
            {
                planned.Add((c, d));
                continue;
            }

            outcomes.Add(d.Reason == ResyncReasons.NotStale
                ? new ResyncOutcome(c.AgentId, c.ProfileId, c.ProfileDisplayId, c.Provider, ResyncAction.InSync, d.Reason, d.Detail)
                : new ResyncOutcome(c.AgentId, c.ProfileId, c.ProfileDisplayId, c.Provider, ResyncAction.Skipped, d.Reason, d.Detail,
                    RepairCommand: d.Reason == ResyncReasons.SqliteGatewayOwned ? OpenClawRepairCommands.For(c) : null));
        }

        if (request.DryRun)
        {
            outcomes.AddRange(planned.Select(p => new ResyncOutcome(p.Candidate.AgentId, p.Candidate.ProfileId, p.Candidate.ProfileDisplayId,
                p.Candidate.Provider, ResyncAction.WouldRepair, null, p.Decision.Detail, p.Decision.Proof)));
        }
        else
        {
            outcomes.AddRange(await ExecuteAsync(planned, now, cancellationToken));
        }

        var ordered = outcomes.OrderBy(o => o.AgentId, StringComparer.Ordinal).ThenBy(o => o.ProfileId, StringComparer.Ordinal).ToList();
        foreach (var o in ordered)
        {
            Report(o, request.DryRun, candidates);
        }

        return new SyncReport(request.DryRun, ordered);
    }

    private async Task<List<ResyncOutcome>> ExecuteAsync(List<(ResyncCandidate Candidate, ResyncDecision Decision)> planned, DateTimeOffset now, CancellationToken ct)
    {
        var outcomes = new List<ResyncOutcome>();
        var repairs = new List<PlannedRepair>();
        var sources = new Dictionary<string, ProfileTokenUpdate?>(StringComparer.Ordinal);
        foreach (var (c, d) in planned)
        {
            if (!sources.TryGetValue(c.Source.SourceId, out var tokens))
            {
                tokens = sourceReader.Read(c.Source);
                sources[c.Source.SourceId] = tokens;
            }

            // The source is re-read now: it must still be the live login the decision was made on.
            var fail = tokens switch
            {
                null => (ResyncReasons.SourceBlanked, "source unreadable or blank at write time"),
                { Access.Length: 0 } or { Refresh.Length: 0 } => (ResyncReasons.SourceBlanked, "source blanked at write time"),
                _ when tokens.ExpiresAtMs <= now.ToUnixTimeMilliseconds() => (ResyncReasons.SourceExpired, "source expired at write time"),
                _ when fingerprinter.Of(tokens.Refresh).Hex != c.Source.RefreshFingerprint => (ResyncReasons.SourceChanged, "source rotated since the comparison; next pass"),
                _ => ((string, string)?)null,
            };
            if (fail is { } f)
            {
                outcomes.Add(new ResyncOutcome(c.AgentId, c.ProfileId, c.ProfileDisplayId, c.Provider, ResyncAction.Failed, f.Item1, f.Item2, d.Proof));
                continue;
            }

            repairs.Add(new PlannedRepair(c, d, tokens!));
        }

        sources.Clear(); // raw tokens: drop as soon as the repairs hold what they need
        var executor = new ResyncExecutor(_options, fingerprinter, time, logger);
        foreach (var store in repairs.GroupBy(r => (r.Candidate.Layout, r.Candidate.StorePath)))
        {
            var batch = store.ToList();
            if (store.Key.Layout == TargetLayout.AgentSqlite)
            {
                outcomes.AddRange(new SqliteStoreRepairer(_options, executor, time).Repair(store.Key.StorePath, batch));
            }
            else
            {
                outcomes.AddRange(await executor.RepairJsonStoreAsync(store.Key.StorePath, batch, ct));
            }
        }

        return outcomes;
    }

    private void Report(ResyncOutcome o, bool dryRun, IReadOnlyList<ResyncCandidate> candidates)
    {
        var source = SourceOf(o, candidates);
        var backup = o.BackupPath is null ? null : Path.GetFileName(o.BackupPath);
        switch (o.Action)
        {
            case ResyncAction.Repaired:
                ResyncLog.Repaired(logger, o.AgentId, o.ProfileDisplayId, source, o.Proof, backup);
                break;
            case ResyncAction.WouldRepair:
                ResyncLog.WouldRepair(logger, o.AgentId, o.ProfileDisplayId, source, o.Proof);
                break;
            case ResyncAction.Skipped:
                ResyncLog.Refused(logger, o.AgentId, o.ProfileDisplayId, o.Reason ?? "", o.Detail);
                break;
            case ResyncAction.Failed:
                ResyncLog.Failed(logger, o.AgentId, o.ProfileDisplayId, o.Reason ?? "", o.Detail);
                break;
            case ResyncAction.InSync:
            default:
                ResyncLog.NothingToDo(logger, o.AgentId, o.ProfileDisplayId, o.Detail);
                break;
        }

        if (!dryRun)
        {
            metrics.Record(o);
        }
    }

    private static string SourceOf(ResyncOutcome o, IReadOnlyList<ResyncCandidate> candidates) =>
        candidates.FirstOrDefault(c => c.AgentId == o.AgentId && c.ProfileId == o.ProfileId)?.Source.Store ?? "?";
}
