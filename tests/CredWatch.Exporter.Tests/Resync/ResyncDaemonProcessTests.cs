using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>The real <c>credwatch run</c> process with resync on (config via <c>CREDWATCH_RESYNC__ENABLED</c>).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // CredWatch runs on Linux
public sealed class ResyncDaemonProcessTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Daemon_process_repairs_a_copy_that_turns_stale_while_it_runs()
    {
        await using var p = await CredWatchProcess.StartDaemonAsync(
            _home.Home,
            _home.StateDir,
            new Dictionary<string, string> { ["CREDWATCH_RESYNC__ENABLED"] = "true", ["CREDWATCH_RESYNC__DEBOUNCE"] = "00:00:00.100" });
        var http = p.Client;
        var rotatedAccess = Tokens.Access("ROTATED-process-1");
        var rotatedRefresh = Tokens.Refresh("ROTATED-process-1");
        async Task<double?> Resyncs(string agent) =>
            Scrape.Value(await http.GetStringAsync("metrics"), "credwatch_resyncs_total", ("agent", agent));

        await Eventually.UntilAsync(async () => await Resyncs("hr-bp") == 1, TimeSpan.FromSeconds(150), "the stale copy present at start is repaired");
        File.ReadAllText(Path.Combine(_home.AgentDir("hr-bp"), "auth-profiles.json")).Should().Contain(Tokens.NewRefresh);

        _home.AtomicReplace(_home.ClaudeCredentials, Tokens.Claude(rotatedAccess, rotatedRefresh, 4_102_444_900_000));

        await Eventually.UntilAsync(async () => await Resyncs("hr-bp") == 2 && await Resyncs("main") == 1, TimeSpan.FromSeconds(150),
            "both copies turned stale by the CLI's rotation are repaired");
        File.ReadAllText(Path.Combine(_home.AgentDir("main"), "auth-profiles.json")).Should().Contain(rotatedRefresh);
        FixtureSecrets.AssertNoSecret(await http.GetStringAsync("metrics") + await http.GetStringAsync("api/status"), "HTTP", [rotatedAccess, rotatedRefresh]);

        // The console logger writes from its own queue: the line may trail the counter.
        await Eventually.Until(() => p.Output.Contains("Resync repaired agent hr-bp", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the repair is logged");
        FixtureSecrets.AssertNoSecret(p.Output, "daemon output", [rotatedAccess, rotatedRefresh]);
    }
}
