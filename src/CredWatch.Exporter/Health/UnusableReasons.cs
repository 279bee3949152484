namespace CredWatch.Exporter.Health;

/// <summary>Why OpenClaw cannot use a profile right now (bounded, snake_case; status/check/alert text).</summary>
internal static class UnusableReasons
{
    /// <summary>OpenClaw put it in cooldown (<c>cooldownUntil</c> in the future): transient.</summary>
    public const string Cooldown = "cooldown";

    /// <summary>OpenClaw disabled it (<c>disabledUntil</c> in the future; e.g. billing, auth_permanent).</summary>
    public const string Disabled = "disabled";

    /// <summary>OpenClaw blocked it (<c>blockedUntil</c>, e.g. a subscription usage limit) for every model: transient.</summary>
    public const string Blocked = "blocked";

    /// <summary>Expired with nothing that can refresh it.</summary>
    public const string Expired = "expired";

    /// <summary>A copy superseded by its source: its refresh will fail.</summary>
    public const string Stale = "stale";

    /// <summary>Failed refresh fence: the login must be redone.</summary>
    public const string ReloginRequired = "relogin_required";

    /// <summary>Tokens blanked.</summary>
    public const string Blanked = "blanked";

    /// <summary>A refresh fence whose owner died.</summary>
    public const string RefreshStuck = "refresh_stuck";

    /// <summary>The store must be migrated before OpenClaw uses it.</summary>
    public const string MigrationRequired = "migration_required";

    /// <summary>Unknown credential type: OpenClaw will not use it.</summary>
    public const string UnknownType = "unknown_type";

    /// <summary>True for reasons that end by themselves (no repair needed, only time).</summary>
    public static bool IsTransient(string reason) => reason is Cooldown or Disabled or Blocked;
}
