using CredWatch.Exporter.Stores;
using System.Collections.Concurrent;
using CredWatch.Exporter.Configuration;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.OpenClaw;

/// <summary>One full scan: discovery, then every store read (in parallel; readers never throw).</summary>
internal sealed class StoreScanner(IOptions<CredWatchOptions> options, OpenClawInstallation installation, Fingerprinter fingerprinter, TimeProvider time)
{
    // Last good snapshot per store with the stat stamp it was read under: unchanged stores are not re-parsed.
    private readonly ConcurrentDictionary<StoreId, (string Stamp, StoreSnapshot Snapshot)> _cache = new();

    /// <summary>
    /// How many stores are read at once. Twice the cores: about half of a read is kernel time (path walks, the SQLite
    /// WAL index's locks and mmap) where a reader stalls on shared kernel locks and leaves its core idle; on the
    /// 2-core bench box 4 readers beat 2 (bench/ScanBench). Each reader holds one file or connection at a time.
    /// </summary>
    internal int MaxParallelism { get; init; } = Math.Clamp(Environment.ProcessorCount * 2, 2, 16);

    public DiscoveryResult Discover() => StoreDiscovery.Discover(options.Value.Stores, installation);

    public async Task<(DiscoveryResult Discovery, IReadOnlyList<StoreSnapshot> Snapshots)> ScanAsync(CancellationToken cancellationToken)
    {
        var discovery = Discover();
        var ctx = new ReadContext(fingerprinter, options.Value.Scan, time);
        var results = new StoreSnapshot[discovery.Stores.Count];
        await Parallel.ForAsync(0, results.Length, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = MaxParallelism },
            async (i, ct) => results[i] = await ReadCachedAsync(discovery.Stores[i], ctx, ct));
        return (discovery, OpenClawLayouts.Resolve(discovery, results, fingerprinter));
    }

    private async Task<StoreSnapshot> ReadCachedAsync(StoreLocation location, ReadContext ctx, CancellationToken cancellationToken)
    {
        var stamp = FileStamp.Of(location);
        if (stamp is not null && _cache.TryGetValue(location.Id, out var hit) && hit.Stamp == stamp && hit.Snapshot.Path.StartsWith(location.Path, StringComparison.Ordinal))
        {
            return hit.Snapshot with { ReadAt = ctx.Time.GetUtcNow() };
        }

        var snapshot = (await ReadOneAsync(location, ctx, cancellationToken)) with { Explicit = location.Explicit };
        if (stamp is not null && snapshot.Up)
        {
            _cache[location.Id] = (stamp, snapshot);
        }
        else
        {
            _cache.TryRemove(location.Id, out _);
        }

        return snapshot;
    }

    public static Task<StoreSnapshot> ReadOneAsync(StoreLocation location, ReadContext ctx, CancellationToken cancellationToken) => location.Id.Store switch
    {
        StoreLabels.ClaudeCli => ClaudeStoreReader.ReadAsync(location, ctx, cancellationToken),
        StoreLabels.CodexCli => CodexStoreReader.ReadAsync(location, ctx, cancellationToken),
        StoreLabels.MiniMaxCli or StoreLabels.GeminiCli => OAuthCredsStoreReader.ReadAsync(location, ctx, cancellationToken),
        StoreLabels.OpenClawShared => OpenClawStateDbReader.ReadAsync(location, ctx, cancellationToken),
        _ => OpenClawAgentReader.ReadAsync(location, ctx, cancellationToken),
    };
}
