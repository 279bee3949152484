using System.Text;

namespace CredWatch.Alerts.Model;

/// <summary>
/// A button under an alert (<see cref="Label"/>, callback <see cref="Data"/>). Shown only when a command bot is
/// configured: a button's press goes to the bot that sent the message, so such alerts are sent by the command bot.
/// </summary>
public sealed record AlertAction(string Label, string Data)
{
    /// <summary>Telegram's bound on callback data.</summary>
    public const int MaxDataBytes = 64;

    internal const string RetryPrefix = "retry:";

    /// <summary>"Retry delivery" of a task result; null when the id would not fit Telegram's 64-byte callback data.</summary>
    public static AlertAction? RetryDelivery(string taskId) =>
        !string.IsNullOrWhiteSpace(taskId) && Encoding.UTF8.GetByteCount(RetryPrefix + taskId) <= MaxDataBytes
            ? new AlertAction("Retry delivery", RetryPrefix + taskId)
            : null;
}
