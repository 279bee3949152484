using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Effective;

/// <summary>One profile in the order OpenClaw tries them for an agent and provider. Secret-free (display ids only).</summary>
/// <param name="Store">Where the credential lives (agent store, shared store, or the Claude CLI store for the overlay).</param>
/// <param name="ProfileId">Raw profile id (may hold an e-mail: operator's terminal only).</param>
/// <param name="DisplayId">Masked id for labels, HTTP and alerts.</param>
/// <param name="Kind">One of <see cref="EffectiveKinds"/>.</param>
/// <param name="Alive">False when CredWatch knows this login is dead (stale, expired, blanked, fenced, …).</param>
/// <param name="Why">Its credential state in words (the comparison's state or the reason it is out).</param>
/// <param name="UnusableUntil">End of an active cooldown/disable window (OpenClaw tries it last until then).</param>
internal sealed record EffectiveCandidate(StoreId Store, string ProfileId, string DisplayId, string Kind, bool Alive, string Why, DateTimeOffset? UnusableUntil);
