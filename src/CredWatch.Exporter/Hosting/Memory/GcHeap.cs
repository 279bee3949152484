using System.Runtime;

namespace CredWatch.Exporter.Hosting.Memory;

/// <summary>The runtime's GC.</summary>
internal sealed class GcHeap : IHeap
{
    public HeapSlack Measure()
    {
        var info = GC.GetGCMemoryInfo();
        return new HeapSlack(info.HeapSizeBytes, info.FragmentedBytes, info.TotalCommittedBytes);
    }

    public void Compact()
    {
        // The large object heap is never compacted by default, and outgrown large buffers (the scrape response grows
        // by doubling) leave their touched pages there. Aggressive mode also decommits the free space afterwards.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
