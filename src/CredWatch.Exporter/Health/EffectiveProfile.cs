using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Health;

/// <summary>One profile an agent can use at run time (its own, or inherited from main's / the shared store).</summary>
/// <param name="Holder">Store the credential comes from.</param>
/// <param name="HolderLayout">Layout of that store (picks the repair command for the release in use).</param>
/// <param name="ProfileId">Raw id (may hold an e-mail: only for building repair commands when it does not).</param>
/// <param name="DisplayId">Masked id: use everywhere.</param>
/// <param name="StoredProvider">Provider as stored (what <c>openclaw models auth login --provider</c> wants).</param>
/// <param name="Provider">Normalised provider.</param>
/// <param name="Type">Credential type.</param>
/// <param name="Inherited">True when it comes from main's / the shared store rather than the agent's own.</param>
/// <param name="Usable">True when OpenClaw could use it right now.</param>
/// <param name="Reasons">Why not (empty when usable), from <see cref="UnusableReasons"/>.</param>
/// <param name="UsableAgainAt">When only a cooldown/disable blocks it: when that ends.</param>
/// <param name="BenchedModel">A model OpenClaw has cooled down / blocked on this profile alone (the profile still serves others).</param>
/// <param name="DisabledReason">OpenClaw's <c>disabledReason</c> when disabled.</param>
/// <param name="FailureCounts">Failure counts (bounded reasons) that explain a cooldown.</param>
/// <param name="FirstTried">True for the profile OpenClaw will try first for this provider (<c>lastGood</c>, else <c>order</c>).</param>
internal sealed record EffectiveProfile(
    StoreId Holder,
    StoreLayout HolderLayout,
    string ProfileId,
    string DisplayId,
    string StoredProvider,
    string Provider,
    ProfileType Type,
    bool Inherited,
    bool Usable,
    IReadOnlyList<string> Reasons,
    DateTimeOffset? UsableAgainAt,
    string? BenchedModel,
    string? DisabledReason,
    IReadOnlyDictionary<string, long> FailureCounts,
    bool FirstTried);
