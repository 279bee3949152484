using System.Diagnostics;
using CredWatch.LogTail.Scanning;
using CredWatch.TestSupport;
using CredWatch.TestSupport.OpenClaw;
using Xunit.Abstractions;

namespace CredWatch.LogTail.Tests.RealOpenClaw;

/// <summary>
/// Regenerates a gateway log with the real OpenClaw 2026.9.6 (make-real-log.sh: expired login, offline
/// refresh fails for real, next turn hits the fenced profile) and checks each real failure is counted once.
/// </summary>
public sealed class RealOpenClawLogTests(ITestOutputHelper output)
{
    [RealOpenClawFact]
    public async Task Real_openclaw_writes_a_log_whose_failures_are_each_counted_once()
    {
        var ocDir = OpenClawInstall.Directory!;

        var scratch = Directory.CreateTempSubdirectory("credwatch-real-oc-").FullName;
        try
        {
            var log = Path.Combine(scratch, "gateway.log");
            var script = Path.Combine(TestPaths.RepoRoot, "tests", "CredWatch.LogTail.Tests", "RealOpenClaw", "make-real-log.sh");
            var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in (string[])[script, ocDir, scratch, log])
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await p.WaitForExitAsync(cts.Token);
            output.WriteLine(await stdout + await stderr);
            p.ExitCode.Should().Be(0);

            var lines = await File.ReadAllLinesAsync(log);
            lines.Count(l => l.Contains("OAuth token refresh failed for anthropic", StringComparison.Ordinal)).Should().BeGreaterThan(1, "OpenClaw names one failure in several lines");
            var result = LogScanner.Scan([log]);
            result.Signals.Count(s => s.Signal == "oauth_refresh_failed" && s.Provider == "anthropic").Should().Be(1);
            result.Signals.Count(s => s.Signal == "no_api_key" && s.Provider == "anthropic").Should().Be(1);
            FixtureSecrets.AssertNoSecret(LogScanner.FormatJson(result), "scan of a real log");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
