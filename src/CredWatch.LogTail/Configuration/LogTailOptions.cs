namespace CredWatch.LogTail.Configuration;

/// <summary>Bound from <c>CredWatch:LogTail</c> (env <c>CREDWATCH_LogTail__*</c>); validated at start.</summary>
public sealed class LogTailOptions
{
    public const string Section = "CredWatch:LogTail";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Globs to follow (<c>--log-path</c>, repeatable); wildcards (<c>*</c>, <c>?</c>) in the file-name part
    /// only. Empty: <c>/tmp/openclaw/openclaw-*.log</c> and <c>/tmp/openclaw-&lt;uid&gt;/openclaw-*.log</c>.
    /// </summary>
    public IList<string> Paths { get; } = [];

    /// <summary>Fixed files to follow as well, e.g. OpenClaw's <c>logging.file</c> (the host reads its config).</summary>
    public IList<string> ExtraFiles { get; } = [];

    /// <summary>CredWatch's state dir (positions live here); the host sets the default.</summary>
    public string? StateDir { get; set; }

    /// <summary>A file found at the very first start, with no stored position, is read from its end (default) or its start.</summary>
    public bool StartAtEnd { get; set; } = true;

    /// <summary>Lines longer than this are counted as skipped (<c>too_long</c>) and never buffered.</summary>
    public int MaxLineBytes { get; set; } = 256 * 1024;

    /// <summary>Fallback poll (and safety net beside inotify). Idle cost: one fstat per followed file.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Use inotify (FileSystemWatcher) to react at once; polling alone when false or when it fails.</summary>
    public bool UseInotify { get; set; } = true;

    /// <summary>Lines naming one provider's failure within this window of the first (and no other run id) are one failure.</summary>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many recent signals <c>/api/status</c> shows.</summary>
    public int RecentCapacity { get; set; } = 50;

    /// <summary>At most this many files are followed at once (newest-written first).</summary>
    public int MaxFiles { get; set; } = 32;

    public JournaldOptions Journald { get; set; } = new();
}
