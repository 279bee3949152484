using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Tests.Metrics;

public sealed class RecycledMeasurementsTests
{
    private static readonly StoreId A = new("openclaw", "a");
    private static readonly StoreId B = new("openclaw", "b");

    [Fact]
    public void Same_evaluation_returns_the_same_array_without_calling_fill_again()
    {
        var cache = new RecycledMeasurements<int>();
        var source = new object();
        var calls = 0;
        var first = cache.Get(source, 1, (v, b) => { calls++; b.Add(v, new SeriesKey(A), A, Tags); });
        var second = cache.Get(source, 2, (v, b) => { calls++; b.Add(v, new SeriesKey(A), A, Tags); });

        calls.Should().Be(1);
        second.Should().BeSameAs(first);
    }

    [Fact]
    public void A_new_evaluation_with_equal_values_and_series_reuses_the_measurements_and_builds_no_tags()
    {
        var cache = new RecycledMeasurements<int>();
        var first = cache.Get(new object(), 0, (_, b) => { b.Add(1, new SeriesKey(A), A, Tags); b.Add(0, new SeriesKey(B), B, Tags); });
        var built = 0;
        var second = cache.Get(new object(), 0, (_, b) =>
        {
            b.Add(1, new SeriesKey(A), A, id => { built++; return Tags(id); });
            b.Add(0, new SeriesKey(B), B, id => { built++; return Tags(id); });
        });

        built.Should().Be(0);
        second.Should().BeSameAs(first);
    }

    [Fact]
    public void A_changed_value_or_series_is_rebuilt_with_its_own_tags()
    {
        var cache = new RecycledMeasurements<int>();
        cache.Get(new object(), 0, (_, b) => { b.Add(1, new SeriesKey(A), A, Tags); b.Add(0, new SeriesKey(B), B, Tags); });

        var changed = cache.Get(new object(), 0, (_, b) => { b.Add(1, new SeriesKey(A), A, Tags); b.Add(7, new SeriesKey(B), B, Tags); });
        changed.Select(m => (m.Value, Agent(m.Tags))).Should().Equal((1, "a"), (7, "b"));

        // Same value at the same position but another series (B gone, C in its place): never B's tags.
        var c = new StoreId("openclaw", "c");
        var moved = cache.Get(new object(), 0, (_, b) => { b.Add(1, new SeriesKey(A), A, Tags); b.Add(7, new SeriesKey(c), c, Tags); });
        moved.Select(m => (m.Value, Agent(m.Tags))).Should().Equal((1, "a"), (7, "c"));

        var fewer = cache.Get(new object(), 0, (_, b) => b.Add(1, new SeriesKey(A), A, Tags));
        fewer.Should().ContainSingle().Which.Value.Should().Be(1);
    }

    private static KeyValuePair<string, object?>[] Tags(StoreId id) => CredWatch.Exporter.Metrics.CoreMetrics.StoreTags(id);

    private static string? Agent(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var t in tags)
        {
            if (t.Key == "agent")
            {
                return (string?)t.Value;
            }
        }

        return null;
    }
}
