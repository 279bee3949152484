namespace CredWatch.TestSupport.Telegram;

/// <summary>One request the loopback Bot API server received, and how it answered.</summary>
public sealed record BotApiRequest(
    DateTimeOffset ReceivedAt,
    string Method,
    string Token,
    string? ChatId,
    int? MessageThreadId,
    string? Text,
    string? ParseMode,
    int StatusCode,
    string Body)
{
    public long? ChatIdNumber => long.TryParse(ChatId, out var v) ? v : null;

    /// <summary>The callback data of every inline button the request carried (sendMessage reply_markup).</summary>
    public IReadOnlyList<string> CallbackData
    {
        get
        {
            try
            {
                var markup = System.Text.Json.Nodes.JsonNode.Parse(Body)?["reply_markup"];
                if (markup is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s))
                {
                    markup = System.Text.Json.Nodes.JsonNode.Parse(s);
                }

                return markup?["inline_keyboard"] is System.Text.Json.Nodes.JsonArray rows
                    ? [.. rows.OfType<System.Text.Json.Nodes.JsonArray>().SelectMany(r => r).Select(b => (string?)b?["callback_data"]).OfType<string>()]
                    : [];
            }
            catch (System.Text.Json.JsonException)
            {
                return [];
            }
        }
    }
}
