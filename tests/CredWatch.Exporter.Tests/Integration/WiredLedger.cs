using CredWatch.Exporter.Tests.Tasks;

namespace CredWatch.Exporter.Tests.Integration;

/// <summary>A real ledger (OpenClaw 2026.9.6 schema) with results relative to the real clock, for the wired host.</summary>
internal static class WiredLedger
{
    /// <summary>A subagent result the requester (<paramref name="requesterAgent"/>) never received: delivery_failed.</summary>
    public static void AddDeliveryFailed(LedgerDb db, string id, string requesterAgent = "hr-bp")
    {
        var now = DateTimeOffset.UtcNow;
        db.Upsert(new TaskRow
        {
            Id = id,
            CreatedAt = LedgerDb.Ms(now.AddHours(-2)),
            EndedAt = LedgerDb.Ms(now.AddHours(-1)),
            DeliveryStatus = "failed",
            Error = "delivery path none did not complete",
            TerminalOutcome = "blocked",
            RequesterSessionKey = $"agent:{requesterAgent}:telegram:group:-1009999:topic:7",
            AgentId = requesterAgent,
            Label = "quarterly report",
        });
    }

    public static void AddParentMissing(LedgerDb db, string id)
    {
        var now = DateTimeOffset.UtcNow;
        db.Upsert(new TaskRow
        {
            Id = id,
            CreatedAt = LedgerDb.Ms(now.AddHours(-2)),
            EndedAt = LedgerDb.Ms(now.AddMinutes(-40)),
            DeliveryStatus = "parent_missing",
        });
    }
}
