namespace CredWatch.Exporter.Configuration;

/// <summary>Explicit per-store paths (section <c>CredWatch:Stores</c>); unset means "discover".</summary>
internal sealed class StoresOptions
{
    /// <summary>Path of the Claude Code <c>.credentials.json</c>.</summary>
    public string? ClaudeCredentials { get; set; }

    /// <summary>Path of the Codex CLI <c>auth.json</c>.</summary>
    public string? CodexAuth { get; set; }

    /// <summary>Path of the MiniMax CLI <c>oauth_creds.json</c> (default <c>~/.minimax/oauth_creds.json</c>).</summary>
    public string? MiniMaxCredentials { get; set; }

    /// <summary>Path of the Gemini CLI <c>oauth_creds.json</c> (default <c>~/.gemini/oauth_creds.json</c>).</summary>
    public string? GeminiCredentials { get; set; }

    /// <summary>OpenClaw state dir (default: env, then <c>~/.openclaw</c>, then legacy dirs).</summary>
    public string? OpenClawStateDir { get; set; }

    /// <summary>Additional OpenClaw agent dirs (each holding the agent's store files).</summary>
    public List<string> ExtraAgentDirs { get; set; } = [];
}
