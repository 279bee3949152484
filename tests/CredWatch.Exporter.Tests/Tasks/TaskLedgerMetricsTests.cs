using CredWatch.Exporter.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;
using CredWatch.Exporter.Metrics;

namespace CredWatch.Exporter.Tests.Tasks;

public sealed class TaskLedgerMetricsTests
{
    [Fact]
    public async Task EveryRuntimeReasonPairExistsAtZero_AndValuesFollowTheLedger()
    {
        using var db = new LedgerDb();
        using var sp = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = sp.GetRequiredService<IMeterFactory>();
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now));
        using var metrics = new TaskLedgerMetrics(factory, h.Monitor);
        using var undelivered = new MetricCollector<long>(factory, MetricNames.Meter, MetricNames.TaskResultsUndelivered);
        using var lost = new MetricCollector<long>(factory, MetricNames.Meter, MetricNames.TaskResultsLost);
        using var age = new MetricCollector<double>(factory, MetricNames.Meter, MetricNames.TaskOldestUndeliveredAge);
        using var tasks = new MetricCollector<long>(factory, MetricNames.Meter, MetricNames.Tasks);

        undelivered.RecordObservableInstruments();
        lost.RecordObservableInstruments();
        undelivered.GetMeasurementSnapshot().Should().HaveCount(5 * 7).And.OnlyContain(m => m.Value == 0);
        lost.GetMeasurementSnapshot().Should().HaveCount(5 * 7).And.OnlyContain(m => m.Value == 0);

        LedgerScenario.Seed(db);
        db.Exec("INSERT INTO delivery_queue_entries(queue_name,id,status,channel,entry_json,enqueued_at,updated_at) VALUES('outbound','q1','failed','telegram','{}',1,1)");
        await h.Pass();
        undelivered.Clear();
        undelivered.RecordObservableInstruments();
        long Value(MetricCollector<long> c, string runtime, string reason) =>
            c.GetMeasurementSnapshot().Single(m => (string)m.Tags["runtime"]! == runtime && (string)m.Tags["reason"]! == reason).Value;
        Value(undelivered, "subagent", "delivery_failed").Should().Be(1);
        Value(undelivered, "cron", "stuck_pending").Should().Be(1);
        Value(undelivered, "acp", "stale_running").Should().Be(1);
        Value(undelivered, "cli", "lost").Should().Be(0);
        lost.Clear();
        lost.RecordObservableInstruments();
        Value(lost, "cron", "lost").Should().Be(1);
        Value(lost, "subagent", "at_risk").Should().Be(0);
        age.RecordObservableInstruments();
        age.LastMeasurement!.Value.Should().Be(TimeSpan.FromMinutes(50).TotalSeconds);
        tasks.RecordObservableInstruments();
        tasks.GetMeasurementSnapshot().Single(m => (string)m.Tags["runtime"]! == "subagent" && (string)m.Tags["status"]! == "succeeded").Value.Should().Be(7);
        using var queue = new MetricCollector<long>(factory, MetricNames.Meter, MetricNames.DeliveryQueueFailed);
        queue.RecordObservableInstruments();
        queue.GetMeasurementSnapshot().Should().ContainSingle(m => (string)m.Tags["channel"]! == "telegram" && m.Value == 1);
    }
}
