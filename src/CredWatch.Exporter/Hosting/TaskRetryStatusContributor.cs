using System.Text.Json.Nodes;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Tasks;

namespace CredWatch.Exporter.Hosting;

/// <summary>The <c>autoRetry</c> section of <c>/api/status</c>: whether automatic retries are on, can run, and what they did.</summary>
internal sealed class TaskRetryStatusContributor(TaskAutoRetry autoRetry) : IStatusContributor
{
    public string Name => "autoRetry";

    public StatusSection? GetStatus()
    {
        var retries = new JsonObject();
        foreach (var (outcome, value) in autoRetry.Totals)
        {
            retries[outcome] = value;
        }

        return StatusSection.From(new JsonObject
        {
            ["enabled"] = autoRetry.Enabled,
            ["available"] = autoRetry.Available,
            ["unavailableReason"] = autoRetry.UnavailableReason,
            ["executable"] = autoRetry.Enabled ? autoRetry.Executable : null,
            ["maxPerHour"] = autoRetry.MaxPerHour,
            ["retries"] = retries,
        });
    }
}
