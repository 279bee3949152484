namespace CredWatch.Exporter.Stores;

/// <summary>The bounded values of the <c>store</c> label.</summary>
internal static class StoreLabels
{
    /// <summary>Claude Code CLI store (<c>.credentials.json</c>), source of truth for <c>anthropic</c>.</summary>
    public const string ClaudeCli = "claude-cli";

    /// <summary>Codex CLI store (<c>auth.json</c>), source of truth for <c>openai-codex</c>/<c>openai</c>.</summary>
    public const string CodexCli = "codex-cli";

    /// <summary>An OpenClaw per-agent store (label <c>agent</c> set).</summary>
    public const string OpenClaw = "openclaw";

    /// <summary>OpenClaw's shared store (state database; issue 10).</summary>
    public const string OpenClawShared = "openclaw-shared";
}
