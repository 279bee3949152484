namespace CredWatch.Alerts.Tests.Fuzz;

/// <summary>What OpenClaw's <c>parseSessionDeliveryRoute</c> returns for a session key.</summary>
internal sealed record OpenClawRoute(string? Channel, string? AccountId, string? PeerId, string? PeerKind, string? ThreadId);
