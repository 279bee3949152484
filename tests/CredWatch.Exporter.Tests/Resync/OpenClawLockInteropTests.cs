using System.Diagnostics;
using CredWatch.Exporter.Resync;
using CredWatch.TestSupport.OpenClaw;
using Microsoft.Extensions.Logging.Abstractions;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>
/// The real OpenClaw 2026.9.6 lock code (@openclaw/fs-safe, installed under CREDWATCH_OPENCLAW_DIR) and
/// CredWatch's lock exclude each other in both directions.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // real processes: CredWatch runs on Linux
public sealed class OpenClawLockInteropTests : IDisposable
{
    private const string Script = """
        const [, , module, target, mode] = process.argv;
        const { acquireFileLock } = await import(module);
        try {
          const l = await acquireFileLock(target, { managerKey: "credwatch-test", staleMs: 30000,
            retry: { retries: 2, minTimeout: 10, maxTimeout: 20 },
            payload: () => ({ pid: process.pid, createdAt: new Date().toISOString() }) });
          console.log("ACQUIRED");
          if (mode === "hold") { process.stdin.resume(); await new Promise(r => process.stdin.on("end", r)); }
          await l.release();
          console.log("RELEASED");
        } catch (e) { console.log("REFUSED " + e.code); }
        """;

    private readonly ResyncHome _home = new();
    private static string Node => OpenClawInstall.NodeExecutable;

    private static string FsSafe => Path.Combine(OpenClawInstall.Directory!, "node_modules", "@openclaw", "fs-safe", "dist", "file-lock.js");

    [RealOpenClawFact]
    public async Task Real_OpenClaw_lock_code_and_CredWatch_exclude_each_other()
    {
        File.Exists(FsSafe).Should().BeTrue("OpenClaw 2026.9.6 ships its lock code in @openclaw/fs-safe");

        var script = Path.Combine(_home.Root, "lock.mjs");
        await File.WriteAllTextAsync(script, Script);
        var fast = new OpenClawLockOptions { Retries = 3, MinBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(50) };

        // CredWatch holds → OpenClaw refuses.
        await using (var ours = (await OpenClawLock.AcquireAsync(_home.HrBp, fast, TimeProvider.System, NullLogger.Instance, default)).Lock!)
        {
            using var refused = StartNode(script, "once");
            (await refused.StandardOutput.ReadToEndAsync()).Should().Contain("REFUSED file_lock_timeout");
            ours.IsStillHeld().Should().BeTrue();
        }

        // OpenClaw holds (its 2026.9 payload + ownership token) → CredWatch waits and gives up.
        using var holder = StartNode(script, "hold");
        (await holder.StandardOutput.ReadLineAsync()).Should().Be("ACQUIRED");
        var got = await OpenClawLock.AcquireAsync(_home.HrBp, fast, TimeProvider.System, NullLogger.Instance, default);
        got.FailureReason.Should().Be(ResyncReasons.LockTimeout);

        // Even past the stale limit a live OpenClaw process keeps its lock (2026.9.6 judges a pid lock by the pid only).
        var tinyStale = new OpenClawLockOptions { Retries = 6, MinBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200), StaleAfter = TimeSpan.FromMilliseconds(1) };
        var old = await OpenClawLock.AcquireAsync(_home.HrBp, tinyStale, TimeProvider.System, NullLogger.Instance, default);
        old.Acquired.Should().BeFalse();
        old.TakeOvers.Should().Be(0);
        holder.StandardInput.Close();
        (await holder.StandardOutput.ReadLineAsync()).Should().Be("RELEASED");
        await holder.WaitForExitAsync();

        var after = await OpenClawLock.AcquireAsync(_home.HrBp, fast, TimeProvider.System, NullLogger.Instance, default);
        after.Acquired.Should().BeTrue();
        await after.Lock!.DisposeAsync();
    }

    public void Dispose() => _home.Dispose();

    private Process StartNode(string script, string mode)
    {
        var psi = new ProcessStartInfo(Node, [script, FsSafe, _home.HrBp, mode])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.Environment["HOME"] = _home.Root;
        return Process.Start(psi)!;
    }
}
