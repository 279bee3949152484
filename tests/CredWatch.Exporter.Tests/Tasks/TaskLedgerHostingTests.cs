using CredWatch.Exporter.Tasks;
using CredWatch.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Tasks;

public sealed class TaskLedgerHostingTests
{
    [Fact]
    public async Task AddTaskLedger_PollsOnTheTimeProvider_AndSeesResolutionWhileRunning()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        var time = new FakeTimeProvider(LedgerScenario.Now);
        var sink = new RecordingSink();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CredWatch:Tasks:StateDatabase"] = db.Path_,
            ["CredWatch:Tasks:PollInterval"] = "00:00:05",
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ITaskResultSink>(sink);
        builder.Services.AddSingleton(new CountedTaskStore(db.StateDir));
        builder.Services.AddTaskLedger(config);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var monitor = host.Services.GetRequiredService<TaskLedgerMonitor>();
            await Eventually.Until(() => monitor.Current.Results.Count == 7, because: "first pass at start");

            db.Exec("UPDATE task_runs SET delivery_status='delivered' WHERE task_id='t-failed'");
            await Eventually.Until(() =>
            {
                time.Advance(TimeSpan.FromSeconds(5));
                return monitor.Current.Results.Count == 6;
            }, because: "the poll on the fake clock sees the delivery");
            await Eventually.Until(() => sink.Resolved.Any(r => r.TaskId == "t-failed"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void InvalidOptions_FailAtStart()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CredWatch:Tasks:PollInterval"] = "00:00:00",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddTaskLedger(config);
        using var sp = services.BuildServiceProvider();

        var act = () => sp.GetRequiredService<IOptions<TaskLedgerOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*PollInterval*");
    }
}
