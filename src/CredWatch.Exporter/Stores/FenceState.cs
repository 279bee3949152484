namespace CredWatch.Exporter.Stores;

/// <summary>OpenClaw refresh-fence state of a profile (docs/openclaw-observed.md).</summary>
internal enum FenceState
{
    /// <summary>Not a fence: an ordinary credential (including half-fences).</summary>
    None = 0,

    /// <summary>Refresh in flight (or its owner died: see the row's update time).</summary>
    Pending,

    /// <summary>Terminal failure marker (<c>failed:</c>): the login must be redone.</summary>
    Failed,
}
