using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>The real <c>credwatch run</c> process with resync on (config via <c>CREDWATCH_RESYNC__ENABLED</c>).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // CredWatch runs on Linux
public sealed class ResyncDaemonProcessTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Daemon_process_repairs_a_copy_that_turns_stale_while_it_runs()
    {
        var port = FreePort();
        var psi = CredwatchProcess.StartInfo(
            new Dictionary<string, string> { ["CREDWATCH_RESYNC__ENABLED"] = "true", ["CREDWATCH_RESYNC__DEBOUNCE"] = "00:00:00.100" },
            "run", "--home", _home.Home, "--state-dir", _home.StateDir, "--web.listen-address", $"127.0.0.1:{port}");
        using var p = Process.Start(psi)!;
        var output = new StringBuilder();
        p.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        p.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var rotatedAccess = Tokens.Access("ROTATED-process-1");
        var rotatedRefresh = Tokens.Refresh("ROTATED-process-1");
        try
        {
            async Task<double?> Resyncs(string agent)
            {
                try
                {
                    return Scrape.Value(await http.GetStringAsync("/metrics"), "credwatch_resyncs_total", ("agent", agent));
                }
                catch (HttpRequestException)
                {
                    return null; // not listening yet
                }
            }

            await Eventually.UntilAsync(async () => await Resyncs("hr-bp") == 1, TimeSpan.FromSeconds(150), "the stale copy present at start is repaired");
            File.ReadAllText(Path.Combine(_home.AgentDir("hr-bp"), "auth-profiles.json")).Should().Contain(Tokens.NewRefresh);

            _home.AtomicReplace(_home.ClaudeCredentials, Tokens.Claude(rotatedAccess, rotatedRefresh, 4_102_444_900_000));

            await Eventually.UntilAsync(async () => await Resyncs("hr-bp") == 2 && await Resyncs("main") == 1, TimeSpan.FromSeconds(150),
                "both copies turned stale by the CLI's rotation are repaired");
            File.ReadAllText(Path.Combine(_home.AgentDir("main"), "auth-profiles.json")).Should().Contain(rotatedRefresh);
            FixtureSecrets.AssertNoSecret(await http.GetStringAsync("/metrics") + await http.GetStringAsync("/api/status"), "HTTP", [rotatedAccess, rotatedRefresh]);
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }

        lock (output)
        {
            var text = output.ToString();
            text.Should().Contain("Resync repaired agent hr-bp");
            FixtureSecrets.AssertNoSecret(text, "daemon output", [rotatedAccess, rotatedRefresh]);
        }
    }
}
