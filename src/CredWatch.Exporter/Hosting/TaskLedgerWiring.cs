using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using CredWatch.Alerts.Commands;

namespace CredWatch.Exporter.Hosting;

/// <summary>Wires the task ledger into the host: login join, state paths, store metrics, status and check.</summary>
internal static class TaskLedgerWiring
{
    public static IServiceCollection AddCredWatchTaskLedger(this IServiceCollection services, IConfiguration configuration)
    {
        // Registered before AddTaskLedger (its TryAdds then keep these). ITaskResultSink is left to the
        // alerts integration: the default NullTaskResultSink marks nothing as alerted.
        services.TryAddSingleton<IAgentLoginStateSource, RegistryAgentLoginStateSource>();
        services.TryAddSingleton(sp => new CountedTaskStore(sp.GetRequiredService<StatePaths>().StateDir, sp.GetRequiredService<CredWatch.State.StateFileReporter>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ITaskRetrier>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TaskLedgerOptions>>().Value;
            return new OpenClawTaskRetrier(OpenClawExecutable.Resolve(o.OpenClawBin), sp.GetRequiredService<OpenClawInstallation>(), o.AutoRetryTimeout);
        });
        services.AddTaskLedger(configuration);

        // The ledger is the installation's state database.
        services.AddOptions<TaskLedgerOptions>().PostConfigure<OpenClawInstallation>((o, installation) =>
        {
            if (string.IsNullOrEmpty(o.StateDatabase))
            {
                o.StateDatabase = installation.Resolve().StateDatabase;
                o.StateDatabaseDiscovered = true;
            }
        });
        services.AddSingleton<IStoreHealthSource, TaskLedgerStoreHealth>();
        services.AddSingleton<IStatusContributor, TaskStatusContributor>();
        services.AddSingleton<ICheckContributor, TaskCheckContributor>();
        services.AddSingleton<IStatusContributor, TaskRetryStatusContributor>();
        services.TryAddSingleton<CredWatch.Alerts.Commands.ICommandBotHandler, ChatCommandHandler>();
        return services;
    }
}
