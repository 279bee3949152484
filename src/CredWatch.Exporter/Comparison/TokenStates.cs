namespace CredWatch.Exporter.Comparison;

/// <summary>The bounded <c>state</c> label values of <c>credwatch_token_state</c> (design.md).</summary>
internal static class TokenStates
{
    public const string InSync = "in_sync";
    public const string Stale = "stale";
    public const string Ahead = "ahead";
    public const string Unrelated = "unrelated";
    public const string Expired = "expired";
    public const string Blanked = "blanked";
    public const string Refreshing = "refreshing";
    public const string RefreshStuck = "refresh_stuck";
    public const string ReloginRequired = "relogin_required";
    public const string Passthrough = "passthrough";
    public const string MigrationRequired = "migration_required";

    /// <summary>A login OpenClaw obtained itself (not a copy of a CLI's): healthy on its own terms, never a mismatch.</summary>
    public const string OwnLogin = "own_login";

    /// <summary>Every state, in a stable order (one-hot series are emitted for all of them).</summary>
    public static readonly IReadOnlyList<string> All =
        [InSync, Stale, Ahead, Unrelated, Expired, Blanked, Refreshing, RefreshStuck, ReloginRequired, Passthrough, MigrationRequired, OwnLogin];

    /// <summary>States that make <c>check</c> critical.</summary>
    public static bool IsCritical(string state) =>
        state is Stale or Expired or Blanked or RefreshStuck or ReloginRequired or MigrationRequired;
}
