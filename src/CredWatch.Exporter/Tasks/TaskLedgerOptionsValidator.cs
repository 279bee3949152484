using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Tasks;

internal sealed class TaskLedgerOptionsValidator : IValidateOptions<TaskLedgerOptions>
{
    public ValidateOptionsResult Validate(string? name, TaskLedgerOptions options)
    {
        (bool Bad, string Message)[] checks =
        [
            (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromHours(1),
                "Tasks:PollInterval must be between 100ms and 1h."),
            (options.FullPassInterval < options.PollInterval, "Tasks:FullPassInterval must not be shorter than Tasks:PollInterval."),
            (options.StuckPendingGrace <= TimeSpan.Zero, "Tasks:StuckPendingGrace must be positive."),
            (options.StaleRunningLimit <= TimeSpan.Zero, "Tasks:StaleRunningLimit must be positive."),
            (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromSeconds(2),
                "Tasks:BusyTimeout must be between 0 and 2s (the gateway itself only waits 5s)."),
            (options.StatusListLimit is < 1 or > 10_000, "Tasks:StatusListLimit must be between 1 and 10000."),
            (options.AutoRetryMaxPerHour is < 1 or > 1000, "Tasks:AutoRetryMaxPerHour must be between 1 and 1000."),
            (options.AutoRetryTimeout < TimeSpan.FromSeconds(1) || options.AutoRetryTimeout > TimeSpan.FromMinutes(10),
                "Tasks:AutoRetryTimeout must be between 1s and 10min."),
            (options.OpenClawBin is { } bin && !IsPath(bin), "Tasks:OpenClawBin must be a path."),
            (options.StateDatabase is { } p && !IsPath(p), "Tasks:StateDatabase must be a path."),
        ];
        var failures = checks.Where(c => c.Bad).Select(c => c.Message).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsPath(string value) => value.Length > 0 && !value.Contains('\0', StringComparison.Ordinal);
}
