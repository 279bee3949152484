using System.Globalization;
using System.Text.RegularExpressions;

namespace CredWatch.LogTail.Signals;

/// <summary>
/// Every log signal CredWatch knows, in one table (docs/openclaw-observed.md). To add one: a name in
/// <see cref="SignalNames"/>, a regex here, an entry in <see cref="All"/>, and a row in the table test.
/// Anchors are byte strings that every matching line contains; the tailer only parses lines that hold one.
/// </summary>
internal static partial class SignalRules
{
    // Anchors are deliberately short shared words ("failed", "credential"): every extra anchor is one
    // more vectorised pass over each read buffer, and a broader anchor only costs a JSON parse of the
    // (rare) lines that hold it. Each rule's Match still checks its exact text.
    public static readonly IReadOnlyList<SignalRule> All =
    [
        new(SignalNames.OAuthRefreshFailed, ["failed"], DedupeMode.ProviderEpisode, OAuthRefreshFailed),
        new(SignalNames.TokenRefreshHttpError, ["failed"], DedupeMode.None, TokenRefreshHttpError),
        new(SignalNames.AllModelsFailed, ["failed"], DedupeMode.ProviderEpisode, AllModelsFailed),
        new(SignalNames.OrphanRunPruned, ["Subagent "], DedupeMode.PerRun, OrphanRunPruned),
        new(SignalNames.AnnounceGiveUp, ["Subagent "], DedupeMode.PerRun, AnnounceGiveUp),
        new(SignalNames.AnnounceFailed, ["failed"], DedupeMode.None, AnnounceFailed),
        new(SignalNames.NoApiKey, ["API key found"], DedupeMode.ProviderEpisode, NoApiKey),
        new(SignalNames.SigninExpired, ["t sign in to "], DedupeMode.ProviderEpisode, SigninExpired),
        new(SignalNames.MigrationRequired, ["credential", "MIGRATION_REQUIRED"], DedupeMode.ProviderEpisode, MigrationRequired),
        new(SignalNames.CredentialsMissing, ["credential"], DedupeMode.ProviderEpisode, CredentialsMissing),
    ];

    /// <summary>Every anchor of every rule, for the byte prefilter.</summary>
    public static IReadOnlyList<string> Anchors { get; } = [.. All.SelectMany(r => r.Anchors).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"OAuth token refresh failed for ([A-Za-z0-9_-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex OAuthRefreshFailedRx();

    [GeneratedRegex(@"\[([A-Za-z0-9._-]+)\] Token refresh failed:\s*(\d{3})", RegexOptions.CultureInvariant)]
    private static partial Regex TokenRefreshRx();

    [GeneratedRegex(@"All models failed \((\d+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex AllModelsRx();

    [GeneratedRegex(@"Subagent orphan run pruned((?:\s+[A-Za-z]+=\S*)*)", RegexOptions.CultureInvariant)]
    private static partial Regex OrphanRx();

    [GeneratedRegex(@"Subagent announce give up(?:\s*\(([^)]*)\))?((?:\s+[A-Za-z]+=\S*)*)", RegexOptions.CultureInvariant)]
    private static partial Regex GiveUpRx();

    [GeneratedRegex(@"direct announce failed for run ([^\s:]+)", RegexOptions.CultureInvariant)]
    private static partial Regex AnnounceFailedRx();

    [GeneratedRegex("No API key found for provider \"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex NoApiKeyRx();

    [GeneratedRegex(@"Couldn[’']t sign in to ([^.\s]+)\.\s*Your saved login looks expired", RegexOptions.CultureInvariant)]
    private static partial Regex SigninExpiredRx();

    [GeneratedRegex(@"affected providers?:\s*([A-Za-z0-9._\-, ]+?)(?:;|\.|$)", RegexOptions.CultureInvariant)]
    private static partial Regex AffectedProvidersRx();

    [GeneratedRegex(@"(?:for|provider) ""?([a-z0-9._-]+)""?", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderHintRx();

    [GeneratedRegex(@"\blane=(\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex LaneRx();

    [GeneratedRegex(@"\b([A-Za-z]+)=(\S*)", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValueRx();

    [GeneratedRegex(@"(?:for run|run=|runId[=:]\s*""?)([0-9a-f]{8}-[0-9a-f-]{27,})", RegexOptions.CultureInvariant)]
    private static partial Regex RunIdHintRx();

    private static IEnumerable<SignalMatch> OAuthRefreshFailed(LogLine line) =>
        PerProvider(line, SignalNames.OAuthRefreshFailed, OAuthRefreshFailedRx());

    private static IEnumerable<SignalMatch> TokenRefreshHttpError(LogLine line)
    {
        var m = TokenRefreshRx().Match(line.Text);
        if (m.Success)
        {
            yield return new SignalMatch
            {
                Signal = SignalNames.TokenRefreshHttpError,
                ProviderName = m.Groups[1].Value,
                HttpStatus = int.Parse(m.Groups[2].ValueSpan, CultureInfo.InvariantCulture),
                RefreshTokenReused = line.Text.Contains("refresh_token_reused", StringComparison.Ordinal),
            };
        }
    }

    private static IEnumerable<SignalMatch> AllModelsFailed(LogLine line)
    {
        if (AllModelsRx().IsMatch(line.Text))
        {
            yield return new SignalMatch { Signal = SignalNames.AllModelsFailed, Lane = Lane(line.Text) };
        }
    }

    private static IEnumerable<SignalMatch> OrphanRunPruned(LogLine line)
    {
        var m = OrphanRx().Match(line.Text);
        if (m.Success)
        {
            var kv = KeyValues(m.Groups[1].Value);
            yield return new SignalMatch
            {
                Signal = SignalNames.OrphanRunPruned,
                Source = kv.GetValueOrDefault("source"),
                RunId = kv.GetValueOrDefault("run"),
                ChildSessionKey = kv.GetValueOrDefault("child"),
                Reason = kv.GetValueOrDefault("reason"),
            };
        }
    }

    private static IEnumerable<SignalMatch> AnnounceGiveUp(LogLine line)
    {
        var m = GiveUpRx().Match(line.Text);
        if (m.Success)
        {
            var kv = KeyValues(m.Groups[2].Value);
            yield return new SignalMatch
            {
                Signal = SignalNames.AnnounceGiveUp,
                Reason = m.Groups[1].Success ? m.Groups[1].Value : null,
                RunId = kv.GetValueOrDefault("run"),
                ChildSessionKey = kv.GetValueOrDefault("child"),
                Requester = kv.GetValueOrDefault("requester"),
                Retries = int.TryParse(kv.GetValueOrDefault("retries"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null,
            };
        }
    }

    private static IEnumerable<SignalMatch> AnnounceFailed(LogLine line)
    {
        var m = AnnounceFailedRx().Match(line.Text);
        if (m.Success)
        {
            yield return new SignalMatch { Signal = SignalNames.AnnounceFailed, RunId = m.Groups[1].Value };
        }
    }

    private static IEnumerable<SignalMatch> NoApiKey(LogLine line) => PerProvider(line, SignalNames.NoApiKey, NoApiKeyRx());

    private static IEnumerable<SignalMatch> SigninExpired(LogLine line) =>
        PerProvider(line, SignalNames.SigninExpired, SigninExpiredRx(), lowerCase: true);

    /// <summary>One match per distinct provider the regex's first group names.</summary>
    private static IEnumerable<SignalMatch> PerProvider(LogLine line, string signal, Regex rx, bool lowerCase = false)
    {
        var lane = Lane(line.Text);
        return rx.Matches(line.Text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)
            .Select(p => new SignalMatch { Signal = signal, ProviderName = lowerCase ? p.ToLowerInvariant() : p, Lane = lane });
    }

    private static IEnumerable<SignalMatch> MigrationRequired(LogLine line)
    {
        if (!line.Text.Contains("requires legacy credential migration", StringComparison.Ordinal)
            && !line.Text.Contains("AUTH_PROFILE_MIGRATION_REQUIRED", StringComparison.Ordinal))
        {
            yield break;
        }

        var lane = Lane(line.Text);
        var m = AffectedProvidersRx().Match(line.Text);
        string[] providers = m.Success
            ? m.Groups[1].Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [line.MetaProvider ?? string.Empty];
        foreach (var p in providers.Distinct(StringComparer.Ordinal))
        {
            yield return new SignalMatch { Signal = SignalNames.MigrationRequired, ProviderName = p, Lane = lane };
        }
    }

    private static IEnumerable<SignalMatch> CredentialsMissing(LogLine line)
    {
        if (!line.Text.Contains("Auth profile credentials are missing or expired", StringComparison.Ordinal))
        {
            yield break;
        }

        var hint = line.MetaProvider ?? FirstGroup(ProviderHintRx(), line.Text);
        yield return new SignalMatch { Signal = SignalNames.CredentialsMissing, ProviderName = hint, Lane = Lane(line.Text) };
    }

    /// <summary>A run id written in the text (plain-text lines have no meta).</summary>
    public static string? RunIdHint(string text) => FirstGroup(RunIdHintRx(), text);

    private static string? Lane(string text) => FirstGroup(LaneRx(), text);

    private static string? FirstGroup(Regex rx, string text) => rx.Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    // The first value of a repeated key wins.
    private static Dictionary<string, string> KeyValues(string s) =>
        KeyValueRx().Matches(s).DistinctBy(m => m.Groups[1].Value, StringComparer.Ordinal)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
}
