using CredWatch.Exporter.Tasks;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Tasks;

/// <summary>A monitor over a real ledger file with a fake clock, a recording sink and a captured log.</summary>
internal sealed class MonitorHarness : IDisposable
{
    public MonitorHarness(LedgerDb db, FakeTimeProvider time, Func<string, AgentLoginState?>? logins = null, TaskLedgerOptions? options = null, RecordingSink? sink = null, ITaskRetrier? retrier = null)
    {
        Time = time;
        Options = options ?? new TaskLedgerOptions();
        Sink = sink ?? new RecordingSink();
        Logger = new FakeLogger<TaskLedgerMonitor>();
        Monitor = new TaskLedgerMonitor(
            new TaskLedgerReader(db.Path_, Options.BusyTimeout),
            new CountedTaskStore(db.StateDir),
            new FuncAgentLoginStateSource(logins ?? (_ => null)),
            Sink,
            Microsoft.Extensions.Options.Options.Create(Options),
            time,
            Logger,
            AutoRetry = retrier is null ? null : new TaskAutoRetry(Microsoft.Extensions.Options.Options.Create(Options), time, RetryLogger, retrier));
    }

    public FakeTimeProvider Time { get; }

    public TaskLedgerOptions Options { get; }

    public RecordingSink Sink { get; }

    public FakeLogger<TaskLedgerMonitor> Logger { get; }

    public FakeLogger<TaskAutoRetry> RetryLogger { get; } = new();

    public TaskAutoRetry? AutoRetry { get; }

    public TaskLedgerMonitor Monitor { get; }

    public Task<TaskLedgerSnapshot> Pass(bool full = false) => Monitor.PassAsync(full, CancellationToken.None);

    public string AllLogText() => string.Join("\n", Logger.Collector.GetSnapshot().Concat(RetryLogger.Collector.GetSnapshot()).Select(r => r.Message + " " + r.Exception));

    public void Dispose() => Monitor.Dispose();
}
