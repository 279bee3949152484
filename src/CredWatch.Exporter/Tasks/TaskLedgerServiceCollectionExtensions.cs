using CredWatch.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Tasks;

internal static class TaskLedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the task ledger: options (<c>CredWatch:Tasks</c>, validated at start), reader, counted
    /// store, monitor, metrics and the polling service. The host may register its own
    /// <see cref="IAgentLoginStateSource"/> (login join) and <see cref="ITaskResultSink"/> (alerts)
    /// before or after this call; defaults know nothing and send nothing.
    /// </summary>
    public static IServiceCollection AddTaskLedger(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<TaskLedgerOptions>()
            .Bind(configuration.GetSection(TaskLedgerOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TaskLedgerOptions>, TaskLedgerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAgentLoginStateSource>(FuncAgentLoginStateSource.Unknown);
        services.TryAddSingleton<ITaskResultSink, NullTaskResultSink>();
        services.TryAddSingleton(sp => new TaskLedgerReader(
            TaskLedgerPaths.StateDatabase(sp.GetRequiredService<IOptions<TaskLedgerOptions>>().Value),
            sp.GetRequiredService<IOptions<TaskLedgerOptions>>().Value.BusyTimeout));
        services.AddCredWatchStateFiles();
        services.TryAddSingleton(sp => new CountedTaskStore(TaskLedgerPaths.CredWatchStateDir(configuration), sp.GetRequiredService<StateFileReporter>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new TaskLedgerMonitor(
            sp.GetRequiredService<TaskLedgerReader>(),
            sp.GetRequiredService<CountedTaskStore>(),
            sp.GetRequiredService<IAgentLoginStateSource>(),
            sp.GetRequiredService<ITaskResultSink>(),
            sp.GetRequiredService<IOptions<TaskLedgerOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TaskLedgerMonitor>>(),
            sp.GetRequiredService<TaskAutoRetry>()));
        services.TryAddSingleton(sp => new TaskAutoRetry(
            sp.GetRequiredService<IOptions<TaskLedgerOptions>>(),
            sp.GetService<ITaskRetrier>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TaskAutoRetry>>()));
        services.TryAddSingleton<TaskLedgerMetrics>();
        services.AddHostedService<TaskLedgerService>();
        return services;
    }
}
