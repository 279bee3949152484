namespace CredWatch.Exporter.Tests.Tasks;

/// <summary>One row per reason plus settled and borderline rows, relative to a fixed clock.</summary>
internal static class LedgerScenario
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public const string LongLabel = "Quarterly report for the board: a rather long title that goes on and on and on and on and on";

    public static long Ago(TimeSpan t) => (Now - t).ToUnixTimeMilliseconds();

    public static Dictionary<string, string?> Seed(LedgerDb db)
    {
        var created = Ago(TimeSpan.FromHours(2));
        db.Upsert(new TaskRow { Id = "t-delivered", CreatedAt = created, EndedAt = Ago(TimeSpan.FromHours(1)) });
        db.Upsert(new TaskRow { Id = "t-dismissed", CreatedAt = created, EndedAt = Ago(TimeSpan.FromHours(1)), DeliveryStatus = "dismissed" });
        db.Upsert(new TaskRow
        {
            Id = "t-failed", CreatedAt = created, EndedAt = Ago(TimeSpan.FromMinutes(50)), DeliveryStatus = "failed",
            Error = "delivery path none did not complete", TerminalOutcome = "blocked", Label = LongLabel,
        });
        db.SubagentRun("run-t-failed", "agent:main:subagent:t-failed", "agent:main:telegram:group:-1001234567890:topic:42",
            """{"status":"suspended","suspendedAt":1,"suspendedReason":"expiry","disposition":"permanent_failure","lastError":"delivery path none did not complete","attemptCount":9,"generation":1}""",
            created);
        db.Upsert(new TaskRow
        {
            Id = "t-parent-missing", CreatedAt = created, EndedAt = Ago(TimeSpan.FromMinutes(40)), DeliveryStatus = "parent_missing",
            RequesterSessionKey = "agent:hr-bp:telegram:group:-1009999:topic:7", AgentId = "hr-bp",
        });
        db.Upsert(new TaskRow { Id = "t-at-risk", CreatedAt = created, EndedAt = Ago(TimeSpan.FromMinutes(5)), DeliveryStatus = "pending" });
        db.SubagentRun("run-t-at-risk", "agent:main:subagent:t-at-risk", "agent:main:telegram:group:-1001234567890:topic:42",
            "{\"status\":\"pending\",\"disposition\":\"retryable\",\"lastError\":\"announce deferred or direct delivery failed\",\"attemptCount\":2,\"windowStartedAt\":"
            + Ago(TimeSpan.FromMinutes(5)) + ",\"deadlineAt\":" + (Ago(TimeSpan.FromMinutes(5)) + 1_800_000) + ",\"futureField\":{\"x\":1}}",
            created);
        db.Upsert(new TaskRow { Id = "t-blocked", CreatedAt = created, EndedAt = Ago(TimeSpan.FromMinutes(30)), DeliveryStatus = "pending" });
        db.SubagentRun("run-t-blocked", "agent:main:subagent:t-blocked", "agent:main:telegram:group:-1001234567890:topic:42",
            """{"status":"suspended","suspendedReason":"permanent_failure","lastError":"No API key found for provider \"anthropic\" sk-ant-oat01-FIXTUREaccessNEW0000000000000000000000000000000000000000000000000000000000000000-AAAA","attemptCount":4}""",
            created);
        db.Upsert(new TaskRow { Id = "t-lost", CreatedAt = created, EndedAt = Ago(TimeSpan.FromMinutes(20)), Status = "lost", DeliveryStatus = "pending", Runtime = "cron" });
        db.Upsert(new TaskRow { Id = "t-stuck", CreatedAt = created, EndedAt = Ago(TimeSpan.FromMinutes(11)), DeliveryStatus = "session_queued", Runtime = "cron" });
        db.Upsert(new TaskRow { Id = "t-grace", CreatedAt = created, EndedAt = Ago(TimeSpan.FromMinutes(5)), DeliveryStatus = "pending", Runtime = "cron" });
        db.Upsert(new TaskRow { Id = "t-stale", CreatedAt = created, Status = "running", DeliveryStatus = "pending", LastEventAt = Ago(TimeSpan.FromMinutes(31)), Runtime = "acp" });
        db.Upsert(new TaskRow { Id = "t-running", CreatedAt = created, Status = "running", DeliveryStatus = "pending", LastEventAt = Ago(TimeSpan.FromMinutes(1)) });
        db.Upsert(new TaskRow { Id = "t-silent", CreatedAt = created, EndedAt = Ago(TimeSpan.FromMinutes(50)), DeliveryStatus = "failed", NotifyPolicy = "silent" });
        return new Dictionary<string, string?>
        {
            ["t-failed"] = "delivery_failed",
            ["t-parent-missing"] = "parent_missing",
            ["t-at-risk"] = "at_risk",
            ["t-blocked"] = "blocked",
            ["t-lost"] = "lost",
            ["t-stuck"] = "stuck_pending",
            ["t-stale"] = "stale_running",
        };
    }
}
