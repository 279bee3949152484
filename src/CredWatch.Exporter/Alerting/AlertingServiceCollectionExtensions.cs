using CredWatch.Alerts;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Resync;
using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Tasks;
using CredWatch.LogTail.Configuration;
using CredWatch.LogTail.Hosting;
using CredWatch.LogTail.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Alerting;

internal static class AlertingServiceCollectionExtensions
{
    /// <summary>
    /// Wires alerts into the host: the Alerts library (<c>CredWatch:Alerts</c>, <c>CredWatch:Telegram</c>), the
    /// producers it listens to (LogTail and the task ledger; their <c>AddXxx</c> are idempotent, so the host may
    /// also call them) and the mappers: store conditions (registry changes + clock tick), log signals → events,
    /// undelivered task results → per-result conditions. Also the <c>alerts</c> status section, a check line,
    /// and the resync / health hooks (<see cref="ResyncAlertPublisher"/>, <see cref="HealthAlertPublisher"/>).
    /// Call after <c>AddCredWatchCore</c>.
    /// </summary>
    public static IServiceCollection AddCredWatchAlerting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAlerts(configuration);
        // Only when the host has not added them yet: binding the options twice would append list options
        // (LogTail:Paths) twice. A host that adds them after this call must guard the same way.
        if (!services.Any(d => d.ServiceType == typeof(LogTailStatus)))
        {
            services.AddLogTail(configuration);
        }

        if (!services.Any(d => d.ServiceType == typeof(TaskLedgerMonitor)))
        {
            services.AddTaskLedger(configuration);
        }

        // The core resolves the default state dir (XDG / --home); the libraries only see CredWatch:StateDir.
        services.AddOptions<AlertsOptions>().PostConfigure<StatePaths>((o, paths) => o.StateDir ??= paths.StateDir);
        services.AddOptions<LogTailOptions>().PostConfigure<StatePaths>((o, paths) => o.StateDir ??= paths.StateDir);

        services.AddOptionsWithValidateOnStart<AlertingOptions>().Bind(configuration.GetSection(AlertingOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertingOptions>, AlertingOptionsValidator>());

        services.TryAddSingleton<StoreAlertPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreAlertPublisher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILogSignalSink, LogSignalAlertSink>());

        // Replace, not TryAdd: AddTaskLedger registers a do-nothing sink by default.
        services.Replace(ServiceDescriptor.Singleton<ITaskResultSink, TaskAlertSink>());

        services.TryAddSingleton<ResyncAlertPublisher>();
        services.AddSingleton<IResyncResultSink>(sp => sp.GetRequiredService<ResyncAlertPublisher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertConditionSource, HealthAlertPublisher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatusContributor, AlertStatusContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckContributor, AlertCheckContributor>());
        return services;
    }
}
