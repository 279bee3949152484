using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Tasks;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Hosting;

/// <summary>The <c>tasks</c> section of <c>/api/status</c>: the ledger monitor's latest snapshot.</summary>
internal sealed class TaskStatusContributor(TaskLedgerMonitor monitor, IOptions<TaskLedgerOptions> options) : IStatusContributor
{
    public string Name => "tasks";

    public StatusSection? GetStatus() => options.Value.Enabled
        ? StatusSection.From(TaskStatusSection.From(monitor.Current, options.Value.StatusListLimit), TaskStatusJsonContext.Default.TaskStatusSection)
        : null;
}
