namespace CredWatch.Exporter.Hosting.Memory;

/// <summary>
/// <c>CredWatch:Memory</c>: handing the heap's slack back to the operating system (<see cref="HeapTrimmer"/>).
/// </summary>
internal sealed class HeapTrimOptions
{
    public const string SectionName = "CredWatch:Memory";

    /// <summary>Off: the GC keeps whatever it once committed (the runtime's default behaviour).</summary>
    public bool Trim { get; set; } = true;

    /// <summary>How often the last collection's figures are read (a struct read: no collection, no allocation).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Least time between two trims: each is one blocking, compacting full collection.</summary>
    public TimeSpan MinTrimInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Reclaimable bytes (free space between live objects plus committed memory no object uses) that make a trim
    /// worth its pause. Above the 4 MB gen0 budget, so ordinary allocation between collections never triggers one.
    /// </summary>
    public long MinReclaimableBytes { get; set; } = 8L * 1024 * 1024;
}
