using System.Text.RegularExpressions;

namespace CredWatch.Exporter.Stores;

/// <summary>Profile-id and provider normalisation shared by every reader.</summary>
internal static partial class ProfileIds
{
    /// <summary>Display id: every e-mail address replaced by its keyed <c>acct-&lt;8 hex&gt;</c> id.</summary>
    public static string Display(string profileId, Fingerprinter fingerprinter) =>
        EmailPattern().Replace(profileId, m => fingerprinter.AccountId(m.Value));

    /// <summary>
    /// Provider label: <c>claude-cli</c> logins belong to <c>anthropic</c>; OpenClaw's aliases <c>minimax-cli</c> (of
    /// <c>minimax-portal</c>) and <c>gemini-cli</c> (of <c>google-gemini-cli</c>) to their provider; everything lower-cased.
    /// </summary>
    public static string NormalizeProvider(string provider)
    {
        var p = provider.Trim().ToLowerInvariant();
        return p switch
        {
            "claude-cli" => "anthropic",
            "minimax-cli" => "minimax-portal",
            "gemini-cli" => "google-gemini-cli",
            _ => p,
        };
    }

    /// <summary>Provider from a profile id's prefix (<c>anthropic:default</c> → <c>anthropic</c>).</summary>
    public static string ProviderFromId(string profileId)
    {
        var colon = profileId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? profileId[..colon] : profileId;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
