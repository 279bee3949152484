using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using CredWatch.Exporter.OpenClaw;

namespace CredWatch.Exporter.Hosting;

/// <summary>After the first full scan, says plainly what was found and what was not (the no-arguments experience).</summary>
internal sealed class StartupSummary(StoreRegistry registry, StoreScanner scanner, PathEnvironment env, ILogger<StartupSummary> logger) : IHostedService
{
    private int _done;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var note in scanner.Discover().Notes)
        {
            Log.DiscoveryNote(logger, note);
        }

        registry.Changed += OnChanged;
        if (registry.Current.Ready)
        {
            Summarise(registry.Current);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        registry.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(object? sender, RegistryChangedEventArgs e) => Summarise(e.State);

    private void Summarise(RegistryState state)
    {
        if (Interlocked.Exchange(ref _done, 1) == 1)
        {
            return;
        }

        registry.Changed -= OnChanged;
        Write(logger, state, env.Home);
    }

    /// <summary>Logs one line per store and per credential.</summary>
    public static void Write(ILogger logger, RegistryState state, string home)
    {
        foreach (var e in state.Stores.Values.OrderBy(e => e.Snapshot.Id.ToString(), StringComparer.Ordinal))
        {
            var s = e.Snapshot;
            if (s.Error is null)
            {
                Log.Found(logger, s.Id, s.Layout, s.Profiles.Count, s.Path);
            }
            else if (s.Absent)
            {
                Log.NotFound(logger, s.Id, s.Error.Detail);
            }
            else
            {
                Log.NotUsable(logger, s.Id, s.Error.Reason, s.Error.Detail);
            }
        }

        foreach (var c in state.Comparisons)
        {
            Log.CredentialSummary(logger, c.Store, c.DisplayId, c.Provider, c.State, c.Detail);
        }

        if (!state.Stores.Values.Any(e => e.Snapshot.Up))
        {
            Log.NothingFound(logger, home);
        }
    }
}
