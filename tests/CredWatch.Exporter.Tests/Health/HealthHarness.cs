using CredWatch.Exporter.Health;
using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Health;

/// <summary>The real core + health registrations over a temp home, with a fake clock and captured logs.</summary>
internal sealed class HealthHarness : IDisposable
{
    /// <summary>Noon UTC on a fixed day: every fixture time is relative to it.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private HealthHarness(TempHome home, ServiceProvider services, FakeTimeProvider time, CapturingLoggerProvider logs)
    {
        Home = home;
        Services = services;
        Time = time;
        Logs = logs;
    }

    public TempHome Home { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public ProfileHealthMonitor Monitor => Services.GetRequiredService<ProfileHealthMonitor>();

    public static long Ms(TimeSpan offset) => (T0 + offset).ToUnixTimeMilliseconds();

    public static HealthHarness Create(TempHome home, IDictionary<string, string?>? extra = null)
    {
        var time = new FakeTimeProvider(T0);
        var logs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?>
        {
            ["CredWatch:Home"] = home.Home,
            ["CredWatch:StateDir"] = home.StateDir,
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(home.Environment());
        services.AddCredWatchCore(config);
        services.AddProfileHealth(config);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new HealthHarness(home, provider, time, logs);
    }

    public Task<RegistryState> ScanAsync() => Services.GetRequiredService<StoreMonitor>().ScanOnceAsync(CancellationToken.None);

    public void Dispose() => Services.Dispose();
}
