using System.Diagnostics.Metrics;
using CredWatch.LogTail.Configuration;
using CredWatch.LogTail.Hosting;
using CredWatch.LogTail.Metrics;
using CredWatch.LogTail.Signals;
using CredWatch.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CredWatch.LogTail.Tests.Hosting;

public sealed class LogTailServiceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("credwatch-logtail-host-").FullName;

    private IHost BuildHost(CollectingSink sink, Dictionary<string, string?>? extra = null, string pollInterval = "00:01:00")
    {
        var config = new Dictionary<string, string?>
        {
            ["CredWatch:LogTail:StateDir"] = Path.Combine(_dir, "state"),
            ["CredWatch:LogTail:Paths:0"] = Path.Combine(_dir, "openclaw-*.log"),
            ["CredWatch:LogTail:PollInterval"] = pollInterval,
        };
        foreach (var (k, v) in extra ?? [])
        {
            config[k] = v;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddLogTail(builder.Configuration);
        builder.Services.AddSingleton<ILogSignalSink>(sink);
        return builder.Build();
    }

    [Fact]
    public async Task Inotify_wakes_the_tailer_without_waiting_for_the_poll_and_metrics_count_once()
    {
        var sink = new CollectingSink();
        var log = Path.Combine(_dir, "openclaw-2026-11-25.log");
        File.WriteAllText(log, TestLines.Noise(0) + "\n");
        // Poll interval one minute: only inotify can deliver within the deadline.
        using var host = BuildHost(sink);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        using var signals = new MetricCollector<long>(factory, LogTailMetricNames.MeterName, LogTailMetricNames.Signals);
        await host.StartAsync();
        var status = host.Services.GetRequiredService<LogTailStatus>();
        await Eventually.Until(() => status.FollowedFiles.Count == 1, because: "the file is followed");

        File.AppendAllText(log, TestLines.GiveUp(1) + "\n" + TestLines.OAuthFailure("anthropic", 2) + "\n");
        await Eventually.Until(() => sink.Signals.Count == 2, TimeSpan.FromSeconds(30), "inotify delivers the lines");

        // A file that appears while running is read from byte 0.
        File.WriteAllText(Path.Combine(_dir, "openclaw-2026-11-26.log"), TestLines.GiveUp(3) + "\n");
        await Eventually.Until(() => sink.Count(SignalNames.AnnounceGiveUp) == 2, TimeSpan.FromSeconds(30), "a new file is picked up");

        signals.RecordObservableInstruments();
        var latest = signals.GetMeasurementSnapshot().GroupBy(m => $"{m.Tags["signal"]}/{m.Tags["provider"]}").ToDictionary(g => g.Key, g => g.Last().Value);
        latest["oauth_refresh_failed/anthropic"].Should().Be(1);
        latest["announce_give_up/none"].Should().Be(2);
        latest["no_api_key/openai-codex"].Should().Be(0, "every known signal/provider pair exists from 0");
        latest.Keys.Should().HaveCount((SignalNames.ProviderSignals.Count * SignalNames.KnownProviders.Count) + SignalNames.RunSignals.Count);

        var recent = status.RecentSignals;
        recent[0].Requester!.Topic.Should().Be("3");
        await host.StopAsync();
        File.Exists(Path.Combine(_dir, "state", "logtail-positions.json")).Should().BeTrue();
    }

    [Fact]
    public async Task Polling_alone_follows_when_inotify_is_off()
    {
        var sink = new CollectingSink();
        var log = Path.Combine(_dir, "openclaw-2026-11-25.log");
        File.WriteAllText(log, "\n");
        using var host = BuildHost(sink, new() { ["CredWatch:LogTail:UseInotify"] = "false" }, pollInterval: "00:00:00.200");
        await host.StartAsync();
        await Eventually.Until(() => host.Services.GetRequiredService<LogTailStatus>().FollowedFiles.Count == 1);
        File.AppendAllText(log, TestLines.GiveUp(1) + "\n");
        await Eventually.Until(() => sink.Signals.Count == 1, TimeSpan.FromSeconds(30));
        await host.StopAsync();
    }

    [Fact]
    public void Invalid_options_fail_at_start_with_a_clear_reason()
    {
        using var host = BuildHost(new CollectingSink(), new() { ["CredWatch:LogTail:StateDir"] = null, ["CredWatch:LogTail:MaxLineBytes"] = "10", ["CredWatch:LogTail:Paths:0"] = "relative/*.log" });
        var act = () => host.Services.GetRequiredService<IOptions<LogTailOptions>>().Value;
        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().Contain(f => f.Contains("StateDir", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("MaxLineBytes", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("must be absolute", StringComparison.Ordinal));
    }

    [Fact]
    public void Extra_files_from_the_host_are_bound_and_followed()
    {
        var extra = Path.Combine(_dir, "custom", "gateway.log");
        using var host = BuildHost(new CollectingSink(), new() { ["CredWatch:LogTail:ExtraFiles:0"] = extra });
        host.Services.GetRequiredService<IOptions<LogTailOptions>>().Value.ExtraFiles.Should().Equal(extra);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
