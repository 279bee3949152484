namespace CredWatch.Alerts.Commands;

/// <summary>The bounded <c>outcome</c> label of <c>credwatch_command_bot_commands_total</c>.</summary>
public static class CommandBotOutcomes
{
    /// <summary>Done (status answered, OpenClaw accepted the retry).</summary>
    public const string Ok = "ok";

    /// <summary>The user is not allowed to command.</summary>
    public const string Denied = "denied";

    /// <summary>Not run: the login the result failed on is still dead.</summary>
    public const string LoginDead = "login_dead";

    /// <summary>No waiting result with that id.</summary>
    public const string UnknownTask = "unknown_task";

    /// <summary>OpenClaw refused the retry.</summary>
    public const string Refused = "refused";

    /// <summary>The retry never reached OpenClaw (no gateway, busy, timeout, could not start).</summary>
    public const string Failed = "failed";

    /// <summary>Nothing to run it with (no openclaw executable, no handler).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>An unknown command or a missing argument.</summary>
    public const string Invalid = "invalid";

    internal static readonly string[] All = [Ok, Denied, LoginDead, UnknownTask, Refused, Failed, Unavailable, Invalid];
}
