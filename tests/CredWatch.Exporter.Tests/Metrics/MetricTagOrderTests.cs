using System.Diagnostics.Metrics;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Metrics;

/// <summary>
/// Every CredWatch measurement hands OTel its tags already in key order (MetricTags): OTel keeps a second lookup
/// entry and tag array per series for tags in any other order, ~6 MB of heap at 1,000 agents.
/// </summary>
[Collection(InProcessDaemons.Name)]
public sealed class MetricTagOrderTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Every_observed_measurement_of_a_running_daemon_has_its_tags_in_key_order()
    {
        await using var d = await DaemonHarness.StartAsync(_home);
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode, because: "first scan");

        var seen = new List<(string Instrument, string[] Keys)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name.StartsWith("CredWatch", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var keys = new string[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                keys[i] = tags[i].Key;
            }

            lock (seen)
            {
                seen.Add((instrument.Name, keys));
            }
        }

        listener.SetMeasurementEventCallback<int>((i, _, t, _) => Record(i, t));
        listener.SetMeasurementEventCallback<long>((i, _, t, _) => Record(i, t));
        listener.SetMeasurementEventCallback<double>((i, _, t, _) => Record(i, t));
        listener.Start();
        listener.RecordObservableInstruments();

        seen.Should().Contain(s => s.Instrument == MetricNames.TokenState && s.Keys.SequenceEqual(new[] { "agent", "profile", "provider", "state", "store" }),
            "the fixture home has agent credentials, so the widest series shape is observed");
        seen.Should().Contain(s => s.Instrument == MetricNames.StoreErrors && s.Keys.Length == 3);
        seen.Select(s => s.Instrument).Distinct().Should().HaveCountGreaterThan(15, "every observable CredWatch instrument reports");
        seen.Where(s => !MetricTags.IsSorted(s.Keys.Select(k => new KeyValuePair<string, object?>(k, null)).ToArray()))
            .Select(s => s.Instrument + "{" + string.Join(',', s.Keys) + "}").Distinct()
            .Should().BeEmpty("tags out of key order cost OTel a second entry per series");
    }

    [Fact]
    public void Sorted_orders_by_ordinal_key_and_IsSorted_detects_disorder()
    {
        var tags = MetricTags.Sorted(new("store", "openclaw"), new("agent", "main"), new("state", "stale"), new("profile", "p"));
        tags.Select(t => t.Key).Should().Equal("agent", "profile", "state", "store");
        MetricTags.IsSorted(tags).Should().BeTrue();
        MetricTags.IsSorted(new KeyValuePair<string, object?>[] { new("store", 1), new("agent", 2) }).Should().BeFalse();
    }
}
