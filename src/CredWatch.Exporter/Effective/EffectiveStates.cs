namespace CredWatch.Exporter.Effective;

/// <summary>The bounded <c>state</c> label of <c>credwatch_agent_effective_credential</c>.</summary>
internal static class EffectiveStates
{
    /// <summary>The credential the next turn uses is alive.</summary>
    public const string Live = "live";

    /// <summary>It is dead and no other credential of the provider would work either.</summary>
    public const string Dead = "dead";

    /// <summary>It is dead while a live credential of the same provider exists further down the order (OpenClaw issue 134004's shape).</summary>
    public const string ShadowsLiveLogin = "shadows_live_login";

    /// <summary>No credential is tried at all (none eligible, or every one in cooldown/disabled).</summary>
    public const string None = "none";
}
