using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Delivery;

/// <summary>A composed message (one or more parts) waiting for delivery. Persisted in the outbox file.</summary>
internal sealed class OutboxMessage
{
    /// <summary>Heads a part that may already have reached Telegram before a crash (room is kept for it when splitting).</summary>
    public const string PossibleDuplicateNote = "<i>Possible duplicate: an earlier send of this message may have reached Telegram.</i>\n\n";

    /// <summary>Idempotency key: derived from the notification ids it carries.</summary>
    public required string Id { get; init; }

    public required DeliveryTarget Target { get; set; }

    public required List<string> Parts { get; init; }

    /// <summary>Parts already delivered (recorded right after each success, before the next part).</summary>
    public int PartsSent { get; set; }

    /// <summary>Inline buttons under the last part (command bot messages only).</summary>
    public List<AlertAction>? Buttons { get; set; }

    /// <summary>Command bot messages: the gateway account that sends it (without buttons) if the command bot is refused.</summary>
    public string? FallbackAccountId { get; set; }

    /// <summary>The kind of every notification in it (one entry each), for the sent counter.</summary>
    public required List<string> Kinds { get; init; }

    public required List<string> NotificationIds { get; init; }

    /// <summary>
    /// The part whose Bot API call is under way, recorded before the call: found set at start, that part may have
    /// reached Telegram before the crash, so it goes out once more marked as a possible duplicate.
    /// </summary>
    public int? SendingPart { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Heads the part as a possible duplicate, once; false when it already is or there is no such part.</summary>
    public bool MarkPossibleDuplicate(int part)
    {
        if (part >= Parts.Count || Parts[part].StartsWith(PossibleDuplicateNote, StringComparison.Ordinal))
        {
            return false;
        }

        Parts[part] = PossibleDuplicateNote + Parts[part];
        return true;
    }
}
