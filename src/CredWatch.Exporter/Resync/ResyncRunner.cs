using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// One resync pass against the core: map the published state to candidates, run them, then record the
/// written fingerprints in core's <see cref="FingerprintHistory"/> and rescan so every view sees the repair.
/// Shared by <c>credwatch sync</c> (after its own scan) and the daemon's <see cref="ResyncMonitor"/>.
/// </summary>
internal sealed class ResyncRunner(
    IOptions<ResyncOptions> options,
    ResyncService service,
    StoreMonitor monitor,
    StoreRegistry registry,
    Fingerprinter keys)
{
    /// <summary>Candidates for the configured mode (newest-wins adds lineage candidates to nothing else).</summary>
    public IReadOnlyList<ResyncCandidate> Candidates(RegistryState state) =>
        options.Value.Mode == ResyncMode.NewestWins ? ResyncCandidateMapper.MapNewestWins(state, keys) : ResyncCandidateMapper.Map(state, keys, options.Value.Mappings);

    /// <summary><c>credwatch sync</c>: one scan, one pass.</summary>
    public async Task<SyncReport> SyncOnceAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        var state = await monitor.ScanOnceAsync(cancellationToken);
        return await RunAsync(Candidates(state), request, cancellationToken, rescanInline: true);
    }

    /// <summary>Runs the given candidates; after any repair, records history and rescans.</summary>
    /// <param name="rescanInline">True for one-shot runs; the daemon asks its own monitor loop to rescan instead (one scanner at a time).</param>
    public async Task<SyncReport> RunAsync(IReadOnlyList<ResyncCandidate> candidates, SyncRequest request, CancellationToken cancellationToken, bool rescanInline = true)
    {
        var report = await service.RunAsync(candidates, request, cancellationToken);
        var repaired = report.Outcomes.Where(o => o.Action == ResyncAction.Repaired).ToList();
        if (repaired.Count == 0)
        {
            return report;
        }

        foreach (var o in repaired)
        {
            var c = candidates.First(x => x.AgentId == o.AgentId && x.ProfileId == o.ProfileId);
            if (c.Source.RefreshFingerprint is { Length: > 0 } written)
            {
                registry.History.Record(ResyncCandidateMapper.HistoryKey(c), new Fingerprint(written));
            }
        }

        // The rescan saves the history and republishes: metrics, /api/status and alerts see in_sync now.
        if (rescanInline)
        {
            await monitor.ScanOnceAsync(cancellationToken);
        }
        else
        {
            monitor.RequestScan();
        }

        return report;
    }
}
