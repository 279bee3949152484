using System.Text.RegularExpressions;

namespace CredWatch.LogTail.Signals;

/// <summary>Pure: one line in, the signals it names out (before de-duplication). No IO, no state.</summary>
internal static partial class SignalMatcher
{
    [GeneratedRegex("[^A-Za-z0-9._:-]", RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeChars();

    // The console text says "(N duplicates suppressed in last 30s)"; the file line carries the same N as meta.
    [GeneratedRegex(@"\((\d{1,9}) duplicates suppressed in last \d+s\)|""suppressedDuplicateCount"":(\d{1,9})", RegexOptions.CultureInvariant)]
    private static partial Regex SuppressedRx();

    public static List<(SignalRule Rule, LogSignal Signal)> Match(LogLine line, DateTimeOffset readAt, string? origin)
    {
        var results = new List<(SignalRule, LogSignal)>();
        int? suppressed = null;
        foreach (var rule in SignalRules.All)
        {
            if (!rule.Anchors.Any(a => line.Text.Contains(a, StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var m in rule.Match(line))
            {
                suppressed ??= Suppressed(line.Text);
                var providerName = Sanitize(m.ProviderName);
                var isRunSignal = SignalNames.RunSignals.Contains(m.Signal);
                var requester = m.Requester is null ? null : RequesterKey.Parse(Sanitize(m.Requester, 256)!);
                results.Add((rule, new LogSignal
                {
                    Signal = m.Signal,
                    Provider = isRunSignal ? SignalNames.NoProvider : SignalNames.ProviderLabel(providerName),
                    ProviderName = isRunSignal ? null : providerName,
                    Time = line.Time ?? readAt,
                    RunId = Sanitize(m.RunId ?? line.RunId ?? (line.IsJson ? null : SignalRules.RunIdHint(line.Text)), 200),
                    ChildSessionKey = Sanitize(m.ChildSessionKey, 256),
                    Requester = requester,
                    Source = Sanitize(m.Source),
                    Reason = Sanitize(m.Reason),
                    HttpStatus = m.HttpStatus,
                    RefreshTokenReused = m.RefreshTokenReused,
                    Retries = m.Retries,
                    AgentId = Sanitize(line.AgentId) ?? requester?.Agent,
                    SessionId = Sanitize(line.SessionId, 200),
                    Channel = Sanitize(line.Channel) ?? requester?.Channel,
                    Lane = Sanitize(m.Lane, 256),
                    SuppressedDuplicates = suppressed > 0 ? suppressed : null,
                    Origin = origin,
                }));
            }
        }

        return results;
    }

    private static int Suppressed(string text)
    {
        if (!text.Contains("uppressed", StringComparison.Ordinal))
        {
            return 0;
        }

        var m = SuppressedRx().Match(text);
        var digits = !m.Success ? null : m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>
    /// Identifiers copied into an event are limited to a safe alphabet and length, so a crafted line
    /// cannot smuggle message text (or a token) into labels, status JSON or alerts.
    /// Session keys keep ':' and '-' (negative chat ids).
    /// </summary>
    internal static string? Sanitize(string? value, int max = 64)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var v = value.Trim('"', '\'', ',', ';', '.');
        if (v.Length > max)
        {
            v = v[..max];
        }

        v = UnsafeChars().Replace(v, "_");
        return v.Length == 0 ? null : v;
    }
}
