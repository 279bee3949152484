namespace CredWatch.Exporter.Tasks;

/// <summary>The <c>openclaw</c> CLI CredWatch runs (the task retrier, the cross-check): the one given, else the first on PATH.</summary>
internal static class OpenClawExecutable
{
    public static string? Resolve(string? executable)
    {
        if (executable is not null)
        {
            return IsExecutable(executable) ? Path.GetFullPath(executable) : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "openclaw");
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutable(string path)
    {
        try
        {
            return File.Exists(path)
                && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
