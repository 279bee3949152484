using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Tasks;

internal static class TaskLedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the task ledger: options (<c>CredWatch:Tasks</c>, validated at start), reader, monitor,
    /// metrics and the polling service. The caller registers the <see cref="CountedTaskStore"/> (it lives in
    /// CredWatch's state dir); it may register its own <see cref="IAgentLoginStateSource"/> (login join) and
    /// <see cref="ITaskResultSink"/> (alerts) before or after this call; defaults know nothing and send nothing.
    /// </summary>
    public static IServiceCollection AddTaskLedger(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<TaskLedgerOptions>()
            .Bind(configuration.GetSection(TaskLedgerOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TaskLedgerOptions>, TaskLedgerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAgentLoginStateSource>(FuncAgentLoginStateSource.Unknown);
        services.TryAddSingleton<ITaskResultSink, NullTaskResultSink>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TaskLedgerOptions>>().Value;
            return new TaskLedgerReader(options.RequiredStateDatabase(), options.BusyTimeout);
        });
        services.TryAddSingleton<TaskLedgerMonitor>();
        services.TryAddSingleton<TaskAutoRetry>();
        services.TryAddSingleton<TaskLedgerMetrics>();
        services.AddHostedService<TaskLedgerService>();
        return services;
    }
}
