namespace CredWatch.Exporter.Hosting.Memory;

/// <summary>
/// What the last collection left behind: the heap (live objects and the free gaps between them), the gaps alone,
/// and the memory the GC holds committed. Gaps and committed-but-unused pages were touched once and stay resident.
/// </summary>
internal readonly record struct HeapSlack(long HeapBytes, long FragmentedBytes, long CommittedBytes)
{
    /// <summary>Bytes a compacting collection could return: the gaps plus committed memory beyond the heap.</summary>
    public long ReclaimableBytes => FragmentedBytes + Math.Max(0, CommittedBytes - HeapBytes);
}
