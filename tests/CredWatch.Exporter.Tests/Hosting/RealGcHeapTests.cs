using CredWatch.Exporter.Hosting.Memory;

namespace CredWatch.Exporter.Tests.Hosting;

/// <summary>
/// <see cref="GcHeap"/> against the runtime's real GC. Alone (<see cref="RealGcAlone"/>): fragmentation is a
/// process-wide figure, and tests allocating in parallel moved it enough to fail CI.
/// </summary>
[Collection(RealGcAlone.Name)]
public sealed class RealGcHeapTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void The_real_gc_hands_large_object_heap_holes_back()
    {
        // Holes in the large object heap: 64 x 1 MiB buffers, every other one dropped, then an ordinary
        // (non-compacting for the LOH) full collection that leaves the dropped ones as free space. The GC does not count
        // every hole as fragmentation (measured over repeated runs: 5.8 to 14.5 MiB of the 32 MiB dropped), so the test
        // asks for some holes and for compaction to close them all (measured after: ~1 KiB).
        var keep = new List<byte[]>();
        for (var i = 0; i < 64; i++)
        {
            var buffer = new byte[MiB];
            Array.Fill(buffer, (byte)i); // touched, as a written response buffer is
            if (i % 2 == 0)
            {
                keep.Add(buffer);
            }
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        var heap = new GcHeap();
        // The large object heap's own figure from the last full blocking collection, i.e. the one above: GcHeap.Measure
        // reads the last collection of any kind, and a gen0 collection by another thread in between reports other figures.
        var lohBefore = LargeObjectHeapFragmentation();
        lohBefore.Should().BeGreaterThanOrEqualTo(4 * MiB, "dropped 1 MiB buffers are holes in the large object heap now");

        heap.Compact();
        LargeObjectHeapFragmentation().Should().BeLessThan(MiB, "compaction closes the holes");
        keep.Should().HaveCount(32);
        GC.KeepAlive(keep);
    }

    // GCGenerationInfo order: gen0, gen1, gen2, large object heap, pinned object heap.
    private static long LargeObjectHeapFragmentation() => GC.GetGCMemoryInfo(GCKind.FullBlocking).GenerationInfo[3].FragmentationAfterBytes;
}
