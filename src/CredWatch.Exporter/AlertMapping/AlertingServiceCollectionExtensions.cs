using CredWatch.Alerts;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Resync;
using CredWatch.Exporter.Tasks;
using CredWatch.LogTail.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.AlertMapping;

internal static class AlertingServiceCollectionExtensions
{
    /// <summary>
    /// Wires alerts into the host: the Alerts library (<c>CredWatch:Alerts</c>, <c>CredWatch:Telegram</c>) and the
    /// mappers: store conditions (registry changes + clock tick), log signals → events,
    /// undelivered task results → per-result conditions. Also the <c>alerts</c> status section, a check line,
    /// and the resync / health hooks (<see cref="ResyncAlertPublisher"/>, <see cref="HealthAlertPublisher"/>).
    /// Call after the producers it listens to: <c>AddCredWatchCore</c>, <c>AddCredWatchLogTail</c>, <c>AddCredWatchTaskLedger</c>.
    /// </summary>
    public static IServiceCollection AddCredWatchAlerting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // The Alerts library reads no OpenClaw file: the installation hands it the Telegram channel as OpenClaw sets it up.
        services.AddAlerts(configuration, sp => TelegramChannel.Read(sp.GetRequiredService<OpenClawInstallation>().Resolve()));

        // The core resolves the default state dir (XDG / --home); the library only sees CredWatch:StateDir.
        services.AddOptions<AlertsOptions>().PostConfigure<StatePaths>((o, paths) => o.StateDir ??= paths.StateDir);

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
