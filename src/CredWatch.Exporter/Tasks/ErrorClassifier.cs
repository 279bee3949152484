namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Reduces OpenClaw's free-text <c>error</c> (and the run's <c>lastError</c>) to a bounded class. The text
/// itself never leaves the process: it can quote provider responses.
/// </summary>
internal static class ErrorClassifier
{
    public const string None = "none";
    public const string Auth = "auth";
    public const string Timeout = "timeout";
    public const string RateLimit = "rate_limit";
    public const string Network = "network";
    public const string Delivery = "delivery";
    public const string Cancelled = "cancelled";
    public const string Unknown = "unknown";

    private static readonly (string Class, string[] Needles)[] Rules =
    [
        (Auth, ["oauth", "token refresh", "refresh failed", "no api key", "api key", "unauthorized", "401", "403",
            "sign in", "signin", "login", "credential", "invalid_grant", "authentication", "forbidden", "expired"]),
        (RateLimit, ["429", "rate limit", "rate_limit", "too many requests", "overloaded", "quota"]),
        (Timeout, ["timed out", "timeout", "etimedout", "deadline", "expiry"]),
        (Network, ["econnrefused", "econnreset", "enotfound", "eai_again", "fetch failed", "network", "socket hang up"]),
        (Cancelled, ["cancelled", "canceled", "aborted", "killed"]),
        (Delivery, ["delivery path", "did not complete", "announce", "parent session", "not delivered", "delivery"]),
    ];

    /// <summary>
    /// Classifies the texts given (task error first, then the run's lastError): the first specific class
    /// (auth, rate_limit, timeout, network, cancelled) wins over the generic "delivery" a give-up records.
    /// </summary>
    public static string Classify(params string?[] texts)
    {
        var best = None;
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var cls = ClassifyOne(text);
            if (cls is not (Delivery or Unknown))
            {
                return cls;
            }

            if (best == None || (best == Unknown && cls == Delivery))
            {
                best = cls;
            }
        }

        return best;
    }

    private static string ClassifyOne(string text) =>
        Rules.FirstOrDefault(r => r.Needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)), (Unknown, [])).Class;
}
