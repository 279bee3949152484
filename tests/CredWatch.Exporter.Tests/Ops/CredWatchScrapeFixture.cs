using System.Globalization;
using System.Text.Json.Nodes;
using CredWatch.Exporter.Tests.Integration;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// A real Prometheus (shipped rules loaded) scraping the real CredWatch daemon over loopback, on a copy of the
/// fixture home (openclaw/hr-bp is stale; main's openrouter key is in cooldown and disabled for billing) and one
/// gateway refresh-failure line, so the health and log panels have data. Shared by the dashboard tests.
/// </summary>
public sealed class CredWatchScrapeFixture : IAsyncLifetime
{
    private FixtureDaemon? _credWatch;

    public PrometheusServer? Prometheus { get; private set; }

    /// <summary>CredWatch's own /metrics, read once after start (which metric names this build exports).</summary>
    public string Exposition { get; private set; } = string.Empty;

    public string CredWatchOutput => _credWatch?.Output ?? string.Empty;

    public string? MissingReason { get; } = PromBinaries.MissingReason(PromBinaries.Prometheus);

    public async Task InitializeAsync()
    {
        if (MissingReason is not null)
        {
            return;
        }

        var home = new TempHome();
        DisableMainOpenRouter(home);
        var log = Path.Combine(FixtureDaemon.LogDir(home), "openclaw-" + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".log");
        Directory.CreateDirectory(FixtureDaemon.LogDir(home));
        await File.WriteAllTextAsync(log, SignalLines.Noise(DateTimeOffset.UtcNow));
        _credWatch = await FixtureDaemon.StartAsync(home);
        await File.AppendAllTextAsync(log, SignalLines.OAuthRefreshFailed("anthropic", DateTimeOffset.UtcNow));

        // /readyz means the first store scan is done; the log follower and profile health publish on their own passes.
        await Eventually.UntilAsync(
            async () =>
            {
                Exposition = await _credWatch.ScrapeAsync();
                return Exposition.Contains("\ncredwatch_log_last_signal_timestamp_seconds{", StringComparison.Ordinal)
                    && Exposition.Contains("\ncredwatch_profile_disabled{", StringComparison.Ordinal)
                    && Exposition.Contains("\ncredwatch_task_results_undelivered{", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(90),
            "CredWatch exports the appended log signal, profile health and the task ledger");
        var options = new PrometheusServerOptions();
        options.Targets.Add(new PrometheusScrapeTarget("credwatch", _credWatch.HostPort));
        options.RuleFiles.Add(OpsFiles.Rules);
        Prometheus = await PrometheusServer.StartAsync(options);
    }

    /// <summary>usageStats as OpenClaw writes them after a billing failure: cooldown and disabled until far in the future.</summary>
    private static void DisableMainOpenRouter(TempHome home)
    {
        var path = Path.Combine(home.AgentDir("main"), "auth-profiles.json");
        var store = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        store["usageStats"] = new JsonObject
        {
            ["openrouter:default"] = new JsonObject
            {
                ["cooldownUntil"] = 4102444800000,
                ["disabledUntil"] = 4102444800000,
                ["disabledReason"] = "billing",
                ["errorCount"] = 1,
                ["failureCounts"] = new JsonObject { ["billing"] = 1 },
                ["lastFailureAt"] = 1773395882000,
            },
        };
        File.WriteAllText(path, store.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (_credWatch is not null)
        {
            await _credWatch.DisposeAsync();
        }
    }
}
