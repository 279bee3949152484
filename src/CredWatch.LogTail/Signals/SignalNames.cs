namespace CredWatch.LogTail.Signals;

/// <summary>The bounded values of the <c>signal</c> and <c>provider</c> labels (METRICS.md).</summary>
public static class SignalNames
{
    public const string OAuthRefreshFailed = "oauth_refresh_failed";
    public const string OrphanRunPruned = "orphan_run_pruned";
    public const string AnnounceGiveUp = "announce_give_up";
    public const string AnnounceFailed = "announce_failed";
    public const string TokenRefreshHttpError = "token_refresh_http_error";
    public const string AllModelsFailed = "all_models_failed";
    public const string NoApiKey = "no_api_key";
    public const string SigninExpired = "signin_expired";
    public const string MigrationRequired = "migration_required";
    public const string CredentialsMissing = "credentials_missing";

    /// <summary>Signals that name a provider (labelled with one of <see cref="KnownProviders"/>).</summary>
    public static readonly IReadOnlyList<string> ProviderSignals =
        [OAuthRefreshFailed, TokenRefreshHttpError, NoApiKey, SigninExpired, MigrationRequired, CredentialsMissing];

    /// <summary>Signals about a run, not a provider: labelled <c>provider="none"</c>.</summary>
    public static readonly IReadOnlyList<string> RunSignals =
        [OrphanRunPruned, AnnounceGiveUp, AnnounceFailed, AllModelsFailed];

    public static readonly IReadOnlyList<string> All = [.. ProviderSignals, .. RunSignals];

    /// <summary>Provider label for signals that concern no single provider.</summary>
    public const string NoProvider = "none";

    /// <summary>Provider label when a line names a provider outside <see cref="KnownProviders"/> or none could be read.</summary>
    public const string UnknownProvider = "unknown";

    /// <summary>
    /// Providers with their own label value. Anything else collapses to <c>unknown</c> so the label stays
    /// bounded whatever a log line says (the event keeps the sanitised raw name).
    /// </summary>
    public static readonly IReadOnlyList<string> KnownProviders =
        ["anthropic", "openai-codex", "openai", "google", "openrouter", UnknownProvider];

    /// <summary>Maps a provider named in a log line to its bounded label value.</summary>
    public static string ProviderLabel(string? provider)
    {
        if (string.IsNullOrEmpty(provider))
        {
            return UnknownProvider;
        }

        foreach (var known in KnownProviders)
        {
            if (string.Equals(known, provider, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return string.Equals(provider, "claude-cli", StringComparison.OrdinalIgnoreCase) ? "anthropic" : UnknownProvider;
    }
}
