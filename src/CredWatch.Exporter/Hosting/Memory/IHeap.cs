namespace CredWatch.Exporter.Hosting.Memory;

/// <summary>The managed heap as the trimmer sees it (the seam its tests replace; <see cref="GcHeap"/> is the real one).</summary>
internal interface IHeap
{
    /// <summary>Figures of the last collection; reading them collects nothing.</summary>
    HeapSlack Measure();

    /// <summary>Compacts every generation, the large object heap included, and releases what is left free.</summary>
    void Compact();
}
