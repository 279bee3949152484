namespace CredWatch.Exporter.Tasks;

/// <summary>The bounded <c>outcome</c> label of <c>credwatch_task_retries_total</c>.</summary>
internal static class TaskRetryOutcomes
{
    /// <summary>OpenClaw accepted the retry (a new delivery window started).</summary>
    public const string Ok = "ok";

    /// <summary>OpenClaw refused it (e.g. "completion delivery is not blocked", the redrive limit).</summary>
    public const string Refused = "refused";

    /// <summary>The CLI could not reach the running gateway (the retry needs it).</summary>
    public const string NoGateway = "no_gateway";

    /// <summary>OpenClaw could not act now: another OpenClaw process (a gateway starting up) holds its state lifecycle.</summary>
    public const string Busy = "busy";

    /// <summary>The CLI did not answer in time (killed).</summary>
    public const string Timeout = "timeout";

    /// <summary>The CLI could not be started.</summary>
    public const string Error = "error";

    public static readonly string[] All = [Ok, Refused, NoGateway, Busy, Timeout, Error];
}
