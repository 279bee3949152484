namespace CredWatch.Exporter.Effective;

/// <summary>The bounded <c>kind</c> label: what sort of credential the next turn uses.</summary>
internal static class EffectiveKinds
{
    public const string OAuth = "oauth";
    public const string Token = "token";
    public const string ApiKey = "api_key";

    /// <summary>
    /// A CLI's own login the turn runs on: the Claude CLI's, overlaid by OpenClaw 2026.7+ at run time as
    /// <c>anthropic:claude-cli</c>, or the Gemini CLI's when the <c>gemini</c> runtime has no stored profile to stage.
    /// </summary>
    public const string CliOverlay = "cli_overlay";

    public const string None = "none";
}
