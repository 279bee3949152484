namespace CredWatch.TestSupport.Telegram;

/// <summary>A scripted misbehaviour for the next matching request.</summary>
public abstract record BotApiFault
{
    /// <summary>429 with <c>parameters.retry_after</c> (seconds), exactly as Telegram words it.</summary>
    public sealed record TooManyRequests(int RetryAfterSeconds) : BotApiFault;

    /// <summary>A 5xx answer (default 500) with a Bot API error body.</summary>
    public sealed record ServerError(int StatusCode = 500) : BotApiFault;

    /// <summary>400 Bad Request with a description (e.g. "Bad Request: can't parse entities").</summary>
    public sealed record BadRequest(string Description = "Bad Request: can't parse entities") : BotApiFault;

    /// <summary>Answers normally, after this delay (real time).</summary>
    public sealed record Slow(TimeSpan Delay) : BotApiFault;

    /// <summary>Aborts the connection without an answer (the client sees a reset / premature end).</summary>
    public sealed record ResetConnection : BotApiFault;
}
