namespace CredWatch.Exporter.Metrics;

/// <summary>
/// Measurement tags in key order. OTel stores a series under its tags sorted by key and, when the tags arrived in
/// another order, under that order too: a second lookup entry and a second tag array for every series, for the
/// life of the process. At 1,000 agents (35,000 series) that was ~6 MB of the heap; tags handed over already in
/// key order are stored once. Keys are lowercase ASCII, so ordinal order is the order OTel sorts by.
/// </summary>
internal static class MetricTags
{
    private static readonly Comparison<KeyValuePair<string, object?>> ByKey = static (a, b) => string.CompareOrdinal(a.Key, b.Key);

    /// <summary>Sorts <paramref name="tags"/> in place by key and returns it.</summary>
    public static KeyValuePair<string, object?>[] Sorted(params KeyValuePair<string, object?>[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Length > 1)
        {
            Array.Sort(tags, ByKey);
        }

        return tags;
    }

    /// <summary>True when the keys are in the order OTel stores (the test for every CredWatch instrument).</summary>
    public static bool IsSorted(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        for (var i = 1; i < tags.Length; i++)
        {
            if (string.CompareOrdinal(tags[i - 1].Key, tags[i].Key) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
