namespace CredWatch.Alerts.Discovery;

/// <summary>Reads a Telegram bot token file; never throws, and no note ever contains the token.</summary>
public static class BotTokenFile
{
    private const long MaxBytes = 4096;

    /// <summary>
    /// The trimmed token, or null with a note saying why (missing, a refused symlink, not a regular file, too large,
    /// empty, unreadable). <paramref name="allowSymlink"/>: false for OpenClaw's own token files (OpenClaw refuses a
    /// symlink; alerting with a token the gateway never uses would be wrong), true for a file the operator named.
    /// </summary>
    public static string? Read(string path, bool allowSymlink, string what, ICollection<string> notes)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                notes.Add($"{what}: {path} not found");
                return null;
            }

            if (!allowSymlink && info.LinkTarget is not null)
            {
                notes.Add($"{what}: {path} is a symlink (refused, as OpenClaw does)");
                return null;
            }

            var target = allowSymlink && info.LinkTarget is not null ? new FileInfo(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path) : info;
            if (!target.Exists || (target.Attributes & (FileAttributes.Directory | FileAttributes.Device)) != 0)
            {
                notes.Add($"{what}: {path} is not a regular file");
                return null;
            }

            if (target.Length > MaxBytes)
            {
                notes.Add($"{what}: {path} is too large for a token");
                return null;
            }

            var token = File.ReadAllText(target.FullName).Trim();
            if (token.Length == 0)
            {
                notes.Add($"{what}: {path} is empty");
                return null;
            }

            return token;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            notes.Add($"{what}: {path} unreadable ({ex.GetType().Name})");
            return null;
        }
    }
}
