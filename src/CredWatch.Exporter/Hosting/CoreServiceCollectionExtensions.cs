using System.Diagnostics.Metrics;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using CredWatch.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CredWatch.Exporter.Hosting;

/// <summary>Registers the core: options, discovery, readers, registry, comparer, monitor, metrics and the OTel Prometheus exporter.</summary>
internal static class CoreServiceCollectionExtensions
{
    /// <summary>Core services. Tests may register their own <see cref="PathEnvironment"/> or <see cref="TimeProvider"/> first.</summary>
    public static IServiceCollection AddCredWatchCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CredWatchOptions>().Bind(configuration.GetSection(CredWatchOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CredWatchOptions>, CredWatchOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => PathEnvironment.FromProcess(sp.GetRequiredService<IOptions<CredWatchOptions>>().Value.Home));
        services.TryAddSingleton(sp => new StatePaths(sp.GetRequiredService<PathEnvironment>().StateDir(
            sp.GetRequiredService<IOptions<CredWatchOptions>>().Value.StateDir,
            homeOverridden: !string.IsNullOrEmpty(sp.GetRequiredService<IOptions<CredWatchOptions>>().Value.Home))));
        services.TryAddSingleton(sp => new OpenClawInstallation(
            sp.GetRequiredService<IOptions<CredWatchOptions>>().Value.Stores.OpenClawStateDir, sp.GetRequiredService<PathEnvironment>()));
        services.AddSingleton<Reporting.IStatusContributor, InstallationStatusContributor>();
        services.AddCredWatchStateFiles();
        services.TryAddSingleton(sp => CreateFingerprinter(sp.GetRequiredService<StatePaths>(), sp.GetRequiredService<StateFileReporter>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<StatePaths>>()));
        services.TryAddSingleton(sp => LoadHistory(sp.GetRequiredService<StatePaths>(), sp.GetRequiredService<Fingerprinter>(), sp.GetRequiredService<StateFileReporter>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => TokenComparer.Create(sp.GetRequiredService<IOptions<CredWatchOptions>>().Value));
        services.TryAddSingleton<StoreScanner>();
        services.TryAddSingleton<StoreRegistry>();
        services.TryAddSingleton<StoreMonitor>();
        services.TryAddSingleton<CoreMetrics>();
        services.AddMetrics();
        return services;
    }

    /// <summary>
    /// For runs that only look (<c>check</c>): the daemon's fingerprint key and history are read when present, and
    /// nothing is written to the state dir (an absent key stays absent; a new fingerprint is kept in memory).
    /// </summary>
    public static IServiceCollection UseReadOnlyState(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton(sp => Fingerprinter.LoadOrEphemeral(sp.GetRequiredService<StatePaths>().StateDir)));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<Fingerprinter>().Ephemeral
            ? FingerprintHistory.InMemory()
            : FingerprintHistory.LoadReadOnly(sp.GetRequiredService<StatePaths>().StateDir)));
        return services;
    }

    /// <summary>The daemon's background work (watcher + periodic rescan) and the start-up summary.</summary>
    public static IServiceCollection AddCredWatchDaemon(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<StoreMonitor>());
        services.AddHostedService<StartupSummary>();
        return services;
    }

    /// <summary>
    /// OpenTelemetry metrics for every <c>CredWatch.*</c> meter, exported in Prometheus format, with cardinality limits
    /// sized for the fleet found at start (<c>CredWatch:Metrics</c>, <see cref="CardinalityLimits"/>).
    /// </summary>
    public static IServiceCollection AddCredWatchTelemetry(this IServiceCollection services, IConfiguration configuration, string instanceId)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        // Discovery lists the agent directories without reading a store: milliseconds even at 1,000 agents.
        services.TryAddSingleton(sp => CardinalityLimits.ForFleet(
            sp.GetRequiredService<StoreScanner>().Discover().Stores.Count(s => CardinalityLimits.CountsAsAgent(s.Id)),
            sp.GetRequiredService<IOptions<MetricsOptions>>().Value.AgentCapacity));
        services.AddHostedService<MetricsCapacityMonitor>();
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("credwatch", serviceVersion: BuildIdentity.Version, autoGenerateServiceInstanceId: false, serviceInstanceId: instanceId))
            .WithMetrics(m =>
            {
                m.AddMeter("CredWatch.*");
                // What every exporter's users look for first: process_* (memory, CPU, threads) and dotnet_* (GC, heap).
                m.AddProcessInstrumentation();
                m.AddRuntimeInstrumentation();
                foreach (var (name, exported) in MetricNames.ProcessRenames)
                {
                    m.AddView(name, new MetricStreamConfiguration { Name = exported });
                }

                // Limits by label shape and fleet size (every point up to the limit is preallocated), so the views need
                // the application's services: the hosting builder is deferred and hands them over once they exist.
                var deferred = (IDeferredMeterProviderBuilder)m;
                deferred.Configure((sp, b) =>
                {
                    var limits = sp.GetRequiredService<CardinalityLimits>();
                    var factory = sp.GetRequiredService<IMeterFactory>();
                    b.AddView(i => !i.Meter.Name.StartsWith("CredWatch", StringComparison.Ordinal) ? null
                        // OTel selects meters by name, process-wide: a CredWatch meter made by another host's factory
                        // in the same process (tests, an embedding app) would merge into this host's series.
                        : i.Meter.Scope is { } scope && !ReferenceEquals(scope, factory) ? MetricStreamConfiguration.Drop
                        : limits.For(i) is { } limit ? new MetricStreamConfiguration { CardinalityLimit = limit }
                        : null);
                });
                m.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            });
        return services;
    }

    private static Fingerprinter CreateFingerprinter(StatePaths paths, StateFileReporter reporter, TimeProvider time, ILogger logger)
    {
        try
        {
            var fingerprinter = Fingerprinter.LoadOrCreate(paths.StateDir, reporter, time);
            if (fingerprinter.SaveError is { } error)
            {
                Log.KeyNotSaved(logger, paths.StateDir, error.Message);
            }

            return fingerprinter;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            Log.EphemeralKey(logger, paths.StateDir, ex.Message);
            return Fingerprinter.CreateEphemeral();
        }
    }

    private static FingerprintHistory LoadHistory(StatePaths paths, Fingerprinter fingerprinter, StateFileReporter reporter, TimeProvider time) =>
        // A key waiting to be saved keeps the history on disk too: it is saved with the key (StoreMonitor).
        fingerprinter.Ephemeral && fingerprinter.SaveError is null ? FingerprintHistory.InMemory() : FingerprintHistory.Load(paths.StateDir, reporter, time);
}
