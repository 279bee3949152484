using CredWatch.TestSupport;
using CredWatch.TestSupport.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using CredWatch.Alerts.Delivery;
using CredWatch.Alerts.Model;
using CredWatch.Alerts.Metrics;

namespace CredWatch.Alerts.Tests;

/// <summary>
/// The real alert pipeline (AddAlerts, real Telegram.Bot client, real files) against the loopback Bot
/// API server, on a FakeTimeProvider. Disposing it stops the pipeline and scans every log line for secrets.
/// </summary>
public sealed class AlertHarness : IAsyncDisposable
{
    public const string BotToken = "123456789:FIXTUREbotTOKENxxxxxxxxxxxxxxxxxxxxxxxxx";
    public const long GroupChat = -1001234567890;

    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;
    private bool _stopped;

    private AlertHarness(ServiceProvider provider, BotApiTestServer server, FakeTimeProvider time, CapturingLoggerProvider logs, string stateDir, bool ownsServer)
    {
        this._provider = provider;
        Server = server;
        Time = time;
        Logs = logs;
        StateDir = stateDir;
        OwnsServer = ownsServer;
        _hosted = [.. provider.GetServices<IHostedService>()];
        Sent = new MetricCollector<long>(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AlertMetricNames.MeterName, AlertMetricNames.Sent);
        Failures = new MetricCollector<long>(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AlertMetricNames.MeterName, AlertMetricNames.SendFailures);
    }

    public BotApiTestServer Server { get; }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public string StateDir { get; }

    public bool OwnsServer { get; }

    public MetricCollector<long> Sent { get; }

    public MetricCollector<long> Failures { get; }

    public IAlertSink Sink => _provider.GetRequiredService<IAlertSink>();

    public IAlertTester Tester => _provider.GetRequiredService<IAlertTester>();

    internal AlertEngine Engine => _provider.GetRequiredService<AlertEngine>();

    public IServiceProvider Services => _provider;

    public static async Task<AlertHarness> StartAsync(
        Dictionary<string, string?>? settings = null,
        BotApiTestServer? server = null,
        string? stateDir = null,
        FakeTimeProvider? time = null)
    {
        var ownsServer = server is null;
        server ??= await BotApiTestServer.StartAsync();
        stateDir ??= Directory.CreateTempSubdirectory("credwatch-alerts-").FullName;
        var tokenFile = Path.Combine(stateDir, "..", Path.GetFileName(stateDir) + ".bot-token");
        await File.WriteAllTextAsync(tokenFile, BotToken + "\n");
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));
        var config = new Dictionary<string, string?>
        {
            ["CredWatch:Alerts:StateDir"] = stateDir,
            ["CredWatch:Telegram:ApiUrl"] = server.BaseUrl.ToString(),
            ["CredWatch:Telegram:BotTokenFile"] = tokenFile,
            ["CredWatch:Telegram:ChatId"] = GroupChat.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CredWatch:Alerts:GroupingWindow"] = "00:00:02",
            ["CredWatch:Alerts:SendTimeout"] = "00:00:05",
        };
        foreach (var (k, v) in settings ?? [])
        {
            config[k] = v;
        }

        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddAlerts(new ConfigurationBuilder().AddInMemoryCollection(config).Build());
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var harness = new AlertHarness(provider, server, time, logs, stateDir, ownsServer);
        foreach (var h in harness._hosted)
        {
            await h.StartAsync(CancellationToken.None);
        }

        return harness;
    }

    /// <summary>
    /// Advances the fake clock by <paramref name="step"/> until <paramref name="condition"/> holds. The send timeout runs
    /// on that clock, so by default the clock stands still while the server is answering a request (slowly, on a loaded
    /// machine): moving it would time out and retry a send no real second passed for. A test of the send timeout itself
    /// passes <paramref name="whileServerAnswers"/>.
    /// </summary>
    public Task PumpUntil(Func<bool> condition, TimeSpan? step = null, string? because = null, bool whileServerAnswers = false)
    {
        var s = step ?? TimeSpan.FromMilliseconds(500);
        return Eventually.Until(
            () =>
            {
                if (condition())
                {
                    return true;
                }

                if (whileServerAnswers || Server.Arrivals == Server.Requests.Count)
                {
                    Time.Advance(s);
                }

                return condition();
            },
            TimeSpan.FromSeconds(30),
            because);
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        foreach (var h in _hosted)
        {
            await h.StopAsync(CancellationToken.None);
        }
    }

    public void AssertNoSecretInLogs()
    {
        FixtureSecrets.AssertNoSecret(Logs.Text, "alert log lines", [BotToken, BotToken.Split(':')[1]]);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Sent.Dispose();
        Failures.Dispose();
        await _provider.DisposeAsync();
        AssertNoSecretInLogs();
        if (OwnsServer)
        {
            await Server.DisposeAsync();
        }
    }
}
