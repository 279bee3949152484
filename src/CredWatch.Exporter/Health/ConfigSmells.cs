namespace CredWatch.Exporter.Health;

/// <summary>The bounded <c>smell</c> label values of <c>credwatch_profile_config_smell</c>.</summary>
internal static class ConfigSmells
{
    /// <summary>Anthropic profile stored as <c>type: token</c>: no refresh, it dies at expiry (OpenClaw issue 34117).</summary>
    public const string TokenWithoutRefresh = "token_without_refresh";

    /// <summary>An <c>oauth</c> profile without a <c>refresh</c> token: it cannot renew itself.</summary>
    public const string OAuthWithoutRefresh = "oauth_without_refresh";

    /// <summary>A token/key profile with no inline secret (a <c>tokenRef</c>/<c>keyRef</c> or nothing): CredWatch cannot resolve it.</summary>
    public const string SecretRefUnresolved = "secret_ref_unresolved";
}
