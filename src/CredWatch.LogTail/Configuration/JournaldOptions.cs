namespace CredWatch.LogTail.Configuration;

/// <summary><c>CredWatch:LogTail:Journald</c>: the optional journald source for hosts where the file log is off.</summary>
public sealed class JournaldOptions
{
    public bool Enabled { get; set; }

    /// <summary>journalctl executable (PATH lookup when not rooted).</summary>
    public string Command { get; set; } = "journalctl";

    public string Unit { get; set; } = "openclaw-gateway";

    /// <summary>Pass <c>--user</c> (OpenClaw installs a user unit).</summary>
    public bool User { get; set; } = true;

    /// <summary>Wait before restarting journalctl after it exits.</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(5);
}
