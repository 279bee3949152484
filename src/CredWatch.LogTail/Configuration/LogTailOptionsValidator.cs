using Microsoft.Extensions.Options;

namespace CredWatch.LogTail.Configuration;

internal sealed class LogTailOptionsValidator : IValidateOptions<LogTailOptions>
{
    public ValidateOptionsResult Validate(string? name, LogTailOptions options)
    {
        var errors = new List<string>();
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.StateDir))
        {
            errors.Add("CredWatch:LogTail:StateDir is required: log positions are kept there (the host sets it from CredWatch's state dir)");
        }

        if (options.MaxLineBytes is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"CredWatch:LogTail:MaxLineBytes must be within 1024..67108864 (got {options.MaxLineBytes})");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(50) || options.PollInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"CredWatch:LogTail:PollInterval must be within 50 ms..1 h (got {options.PollInterval})");
        }

        if (options.DedupeWindow < TimeSpan.Zero || options.DedupeWindow > TimeSpan.FromMinutes(10))
        {
            errors.Add($"CredWatch:LogTail:DedupeWindow must be within 0..10 min (got {options.DedupeWindow})");
        }

        if (options.RecentCapacity is < 1 or > 10_000)
        {
            errors.Add($"CredWatch:LogTail:RecentCapacity must be within 1..10000 (got {options.RecentCapacity})");
        }

        if (options.MaxFiles is < 1 or > 1024)
        {
            errors.Add($"CredWatch:LogTail:MaxFiles must be within 1..1024 (got {options.MaxFiles})");
        }

        foreach (var p in options.Paths.Concat(options.ExtraFiles))
        {
            if (string.IsNullOrWhiteSpace(p) || !Path.IsPathRooted(p))
            {
                errors.Add($"CredWatch:LogTail path '{p}' must be absolute");
            }
            else if (Path.GetDirectoryName(p) is { } dir && dir.IndexOfAny(['*', '?']) >= 0)
            {
                errors.Add($"CredWatch:LogTail path '{p}': wildcards are allowed in the file name only");
            }
        }

        if (options.Journald.Enabled && string.IsNullOrWhiteSpace(options.Journald.Command))
        {
            errors.Add("CredWatch:LogTail:Journald:Command is required when Journald is enabled");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
