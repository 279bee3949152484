using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Hosting.Memory;

/// <summary>Rejects intervals and thresholds that would turn trimming into a GC storm (or never let it run) at start.</summary>
internal sealed class HeapTrimOptionsValidator : IValidateOptions<HeapTrimOptions>
{
    public ValidateOptionsResult Validate(string? name, HeapTrimOptions options)
    {
        var failures = new List<string>();
        if (options.CheckInterval < TimeSpan.FromSeconds(1) || options.CheckInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"CredWatch:Memory:CheckInterval {options.CheckInterval} must be between 00:00:01 and 01:00:00");
        }

        if (options.MinTrimInterval < TimeSpan.FromSeconds(10) || options.MinTrimInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"CredWatch:Memory:MinTrimInterval {options.MinTrimInterval} must be between 00:00:10 and 1.00:00:00");
        }

        if (options.MinReclaimableBytes < 1024 * 1024)
        {
            failures.Add($"CredWatch:Memory:MinReclaimableBytes {options.MinReclaimableBytes} must be at least 1048576 (1 MiB): below that a trim costs more than it returns");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
