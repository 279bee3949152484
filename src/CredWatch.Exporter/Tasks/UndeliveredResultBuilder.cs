using System.Text;
using CredWatch.Alerts;
using CredWatch.Alerts.Formatting;

namespace CredWatch.Exporter.Tasks;

/// <summary>Turns a classified ledger row into the record alerts and the CLI show (pure).</summary>
internal static class UndeliveredResultBuilder
{
    public const int MaxLabel = 80;
    private const int MaxLastError = 200;

    public static UndeliveredResult Build(LedgerTask t, UndeliveredReason reason, AgentLoginState? login)
    {
        var errorClass = ErrorClassifier.Classify(t.Error, t.Delivery?.LastError);
        if (errorClass == ErrorClassifier.None && t.Status == "timed_out")
        {
            errorClass = ErrorClassifier.Timeout;
        }

        var cause = login is { LoginBroken: true } && errorClass is ErrorClassifier.Delivery or ErrorClassifier.Unknown or ErrorClassifier.None or ErrorClassifier.Auth
            ? ErrorClassifier.Auth
            : errorClass;
        var agent = RequesterAgent(t);
        var result = new UndeliveredResult
        {
            TaskId = t.TaskId,
            Runtime = TaskLabels.Runtime(t.Runtime),
            Reason = reason,
            AgentId = agent,
            RequesterSessionKey = t.RequesterSessionKey,
            Origin = t.Origin,
            EndedAt = FromMs(t.EndedAt),
            LastEventAt = FromMs(t.LastEventAt),
            CreatedAt = FromMs(t.CreatedAt) ?? DateTimeOffset.UnixEpoch,
            Label = ShortLabel(SecretScrubber.Scrub(WholeWords(t.Label)), SecretScrubber.Scrub(WholeWords(t.TaskText))),
            ErrorClass = errorClass,
            Cause = cause,
            Login = login,
            DeadlineAt = reason == UndeliveredReason.AtRisk ? FromMs(t.Delivery?.DeadlineAt) : null,
            DeliveryState = t.Delivery?.Status,
            SuspendedReason = t.Delivery?.SuspendedReason,
            LastError = Redact(t.Delivery?.LastError),
            AttemptCount = t.Delivery?.AttemptCount ?? 0,
            Commands = [],
        };
        return result with { Commands = CommandsFor(result, t) };
    }

    /// <summary>The agent whose login the delivery needs: the requester's (its turn receives the announce).</summary>
    public static string? RequesterAgent(LedgerTask t) =>
        NonEmpty(t.RequesterAgentId) ?? RequesterOrigin.AgentFromSessionKey(t.RequesterSessionKey) ?? NonEmpty(t.AgentId);

    public static string ShortLabel(string? label, string? task)
    {
        var source = NonEmpty(label?.Trim()) ?? NonEmpty(task?.Trim()) ?? "(no label)";
        var sb = new StringBuilder(MaxLabel);
        var lastSpace = false;
        foreach (var rune in source.EnumerateRunes())
        {
            var space = Rune.IsWhiteSpace(rune) || Rune.IsControl(rune);
            if (space && lastSpace)
            {
                continue;
            }

            var text = space ? " " : rune.ToString();
            if (sb.Length + text.Length > MaxLabel)
            {
                break;
            }

            sb.Append(text);
            lastSpace = space;
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>Bounded, single-line, with anything that looks like a key or token replaced (before it is cut).</summary>
    public static string? Redact(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var oneLine = ShortLabel(SecretScrubber.Scrub(text), null);
        return oneLine.Length > MaxLastError ? oneLine[..MaxLastError] : oneLine;
    }

    /// <summary>
    /// The reader takes the first <see cref="TaskLedgerReader.MaxTextRead"/> characters: a key cut there would be too short
    /// to be recognised, so a text that long loses its last, possibly cut, word.
    /// </summary>
    private static string? WholeWords(string? text)
    {
        if (text is null || text.Length < TaskLedgerReader.MaxTextRead)
        {
            return text;
        }

        var cut = text.AsSpan().LastIndexOfAny(' ', '\n', '\t');
        return cut < 0 ? string.Empty : text[..cut];
    }

    private static List<TaskCommand> CommandsFor(UndeliveredResult r, LedgerTask t)
    {
        var commands = new List<TaskCommand>();
        var id = ShellQuote(r.TaskId);
        var auth = r.Cause == ErrorClassifier.Auth;
        if (auth)
        {
            commands.Add(new TaskCommand(ReloginCommand(r.Login, r.AgentId), "fix the login first"));
        }

        var subagent = r.Runtime == "subagent";
        var suspended = t.Delivery?.IsSuspended == true;
        var retryNote = auth ? "only after the login works (a retry against a dead login fails once and then refuses further retries)" : null;
        switch (r.Reason)
        {
            case UndeliveredReason.AtRisk:
                commands.Add(new TaskCommand(
                    "openclaw tasks show " + id,
                    r.DeadlineAt is { } deadline
                        ? "OpenClaw retries by itself until " + deadline.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) + "; the result can still be saved until then"
                        : "OpenClaw is still retrying the delivery by itself"));
                if (subagent)
                {
                    commands.Add(new TaskCommand("openclaw tasks retry " + id, "only if OpenClaw gives up (the task then shows blocked)" + (auth ? " and only after the login works" : string.Empty)));
                }

                break;
            case UndeliveredReason.Blocked:
            case UndeliveredReason.DeliveryFailed when subagent && (suspended || t.Delivery is null):
                if (subagent)
                {
                    commands.Add(new TaskCommand("openclaw tasks retry " + id, retryNote ?? "re-delivers the blocked completion"));
                    commands.Add(new TaskCommand("openclaw tasks dismiss " + id, "to drop the result instead"));
                }
                else
                {
                    commands.Add(new TaskCommand("openclaw tasks show " + id, "inspect; retry/dismiss act only on subagent completions"));
                }

                break;
            default:
                commands.Add(new TaskCommand("openclaw tasks show " + id, r.Reason switch
                {
                    UndeliveredReason.ParentMissing => "the requester session is gone: the result was never handed over",
                    UndeliveredReason.Lost => "the task lost its backing session; re-run the work if it is still needed",
                    UndeliveredReason.StuckPending => "delivery has not started; check the gateway is running",
                    UndeliveredReason.StaleRunning => "no progress recorded; check the gateway and the agent",
                    _ => null,
                }));
                break;
        }

        return commands;
    }

    private static string ReloginCommand(AgentLoginState? login, string? agent)
    {
        var sb = new StringBuilder("openclaw models auth login --provider ").Append(ShellQuote(login?.Provider ?? "anthropic"));
        if (login is not null && !string.IsNullOrEmpty(login.ProfileId))
        {
            sb.Append(" --profile-id ").Append(SingleQuote(login.ProfileId));
        }

        if (agent is not null && agent != "main")
        {
            sb.Append(" --agent ").Append(ShellQuote(agent));
        }

        return sb.ToString();
    }

    private static string ShellQuote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@')
            ? value
            : SingleQuote(value);

    private static string SingleQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static DateTimeOffset? FromMs(long? ms) =>
        ms is { } v && v > 0 && v < 253402300799999 ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
