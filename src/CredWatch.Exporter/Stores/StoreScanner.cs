using CredWatch.Exporter.Configuration;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Stores;

/// <summary>One full scan: discovery, then every store read (in parallel; readers never throw).</summary>
internal sealed class StoreScanner(IOptions<CredWatchOptions> options, PathEnvironment env, Fingerprinter fingerprinter, TimeProvider time)
{
    public DiscoveryResult Discover() => StoreDiscovery.Discover(options.Value.Stores, env);

    public async Task<(DiscoveryResult Discovery, IReadOnlyList<StoreSnapshot> Snapshots)> ScanAsync(CancellationToken cancellationToken)
    {
        var discovery = Discover();
        var ctx = new ReadContext(fingerprinter, options.Value.Scan, time);
        var results = new StoreSnapshot[discovery.Stores.Count];
        await Parallel.ForAsync(0, results.Length, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) },
            async (i, ct) => results[i] = await ReadOneAsync(discovery.Stores[i], ctx, ct));
        return (discovery, OpenClawLayouts.Resolve(discovery, results, fingerprinter));
    }

    public static Task<StoreSnapshot> ReadOneAsync(StoreLocation location, ReadContext ctx, CancellationToken cancellationToken) => location.Id.Store switch
    {
        StoreLabels.ClaudeCli => ClaudeStoreReader.ReadAsync(location, ctx, cancellationToken),
        StoreLabels.CodexCli => CodexStoreReader.ReadAsync(location, ctx, cancellationToken),
        StoreLabels.OpenClawShared => OpenClawStateDbReader.ReadAsync(location, ctx, cancellationToken),
        _ => OpenClawAgentReader.ReadAsync(location, ctx, cancellationToken),
    };
}
