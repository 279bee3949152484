namespace CredWatch.Exporter.Resync;

/// <summary>Configuration section <c>CredWatch:Resync</c>.</summary>
internal sealed class ResyncOptions
{
    public const string Section = "CredWatch:Resync";

    /// <summary>Daemon <c>--resync</c>: repair as soon as a copy turns stale. Off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary><c>--resync-mode</c>: <c>SourceWins</c> (default) or <c>NewestWins</c>.</summary>
    public ResyncMode Mode { get; set; } = ResyncMode.SourceWins;

    /// <summary>newest-wins may also write the CLI stores. Off by default: the CLI owns its store.</summary>
    public bool NewestWinsToCliStores { get; set; }

    /// <summary>Backups kept per store file (<c>*.credwatch-bak.*</c>).</summary>
    public int BackupCount { get; set; } = 5;

    /// <summary>
    /// Write the per-agent SQLite <c>store_json</c> directly (one <c>BEGIN IMMEDIATE</c> transaction).
    /// Off by default: on 2026.6+ the gateway is the only writer and may hold the store in memory,
    /// so <c>sync</c> prints the OpenClaw command that repairs the case instead.
    /// </summary>
    public bool AllowSqliteWrite { get; set; }

    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public OpenClawLockOptions Lock { get; set; } = new();

    /// <summary>Daemon: a burst of store changes within this window is one resync pass.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Daemon: transient failures (lock busy, source rotating) are retried at least this often.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IList<ResyncMapping> Mappings { get; } = [];
}
