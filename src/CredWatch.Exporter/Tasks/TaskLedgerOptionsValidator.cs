using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Tasks;

internal sealed class TaskLedgerOptionsValidator : IValidateOptions<TaskLedgerOptions>
{
    public ValidateOptionsResult Validate(string? name, TaskLedgerOptions options)
    {
        var failures = new List<string>();
        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromHours(1))
        {
            failures.Add("Tasks:PollInterval must be between 100ms and 1h.");
        }

        if (options.FullPassInterval < options.PollInterval)
        {
            failures.Add("Tasks:FullPassInterval must not be shorter than Tasks:PollInterval.");
        }

        if (options.StuckPendingGrace <= TimeSpan.Zero)
        {
            failures.Add("Tasks:StuckPendingGrace must be positive.");
        }

        if (options.StaleRunningLimit <= TimeSpan.Zero)
        {
            failures.Add("Tasks:StaleRunningLimit must be positive.");
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromSeconds(2))
        {
            failures.Add("Tasks:BusyTimeout must be between 0 and 2s (the gateway itself only waits 5s).");
        }

        if (options.StatusListLimit is < 1 or > 10_000)
        {
            failures.Add("Tasks:StatusListLimit must be between 1 and 10000.");
        }

        if (options.AutoRetryMaxPerHour is < 1 or > 1000)
        {
            failures.Add("Tasks:AutoRetryMaxPerHour must be between 1 and 1000.");
        }

        if (options.AutoRetryTimeout < TimeSpan.FromSeconds(1) || options.AutoRetryTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("Tasks:AutoRetryTimeout must be between 1s and 10min.");
        }

        if (options.OpenClawBin is { } bin && (bin.Length == 0 || bin.Contains('\0', StringComparison.Ordinal)))
        {
            failures.Add("Tasks:OpenClawBin must be a path.");
        }

        if (options.StateDatabase is { } p && (p.Length == 0 || p.Contains('\0', StringComparison.Ordinal)))
        {
            failures.Add("Tasks:StateDatabase must be a path.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
