namespace CredWatch.Exporter.Resync;

/// <summary>How core's comparison classified a copy against its source (its snapshot maps 1:1 onto this).</summary>
internal enum CopyRelation
{
    InSync,
    Stale,
    Ahead,
    Unrelated,

    /// <summary>Refresh fence of any kind (refreshing, refresh_stuck, relogin_required): never a token.</summary>
    Fenced,

    /// <summary>2026.7+ stored <c>anthropic:claude-cli</c>: unused by OpenClaw, never resynced.</summary>
    Passthrough,

    /// <summary>Core could not classify it (unreadable copy or source).</summary>
    Unknown,
}
