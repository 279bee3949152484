namespace CredWatch.Exporter.AlertMapping.Status;

/// <summary>The <c>alerts</c> section of <c>/api/status</c> (no token, no chat text).</summary>
internal sealed record AlertStatusView(
    bool Enabled,
    bool CanSend,
    bool TelegramConfigured,
    IReadOnlyList<string> Targets,
    IReadOnlyList<BotAccountView> Accounts,
    IReadOnlyList<string> TargetsWithoutTokens,
    IReadOnlyDictionary<string, int> Firing,
    int FiringTotal,
    int OutboxDepth,
    double GroupingWindowSeconds,
    IReadOnlyList<string> Notes);
