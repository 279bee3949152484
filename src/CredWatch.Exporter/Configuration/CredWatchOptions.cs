namespace CredWatch.Exporter.Configuration;

/// <summary>
/// Root options, bound from the <c>CredWatch</c> configuration section (config file, <c>CREDWATCH_</c>
/// environment variables with <c>__</c> for nesting, and CLI flags, in increasing precedence).
/// </summary>
internal sealed class CredWatchOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "CredWatch";

    /// <summary>Directory every default path resolves under instead of <c>$HOME</c> (<c>--home</c>).</summary>
    public string? Home { get; set; }

    /// <summary>CredWatch's own state dir (<c>--state-dir</c>); default <c>$XDG_STATE_HOME/credwatch</c> else <c>~/.local/state/credwatch</c>.</summary>
    public string? StateDir { get; set; }

    /// <summary>HTTP server settings.</summary>
    public WebOptions Web { get; set; } = new();

    /// <summary>Explicit store paths (override discovery).</summary>
    public StoresOptions Stores { get; set; } = new();

    /// <summary>Source-of-truth store label per provider (e.g. <c>anthropic</c> → <c>claude-cli</c>).</summary>
    public Dictionary<string, string> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Scanning and watching.</summary>
    public ScanOptions Scan { get; set; } = new();

    /// <summary><c>credwatch check</c> thresholds.</summary>
    public CheckOptions Check { get; set; } = new();
}
