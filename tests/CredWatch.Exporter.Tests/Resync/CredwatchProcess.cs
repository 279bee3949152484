using System.Diagnostics;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>Runs the real built <c>credwatch</c> (as the operator would) with a clean environment; scans its output for secrets.</summary>
internal static class CredwatchProcess
{
    private static string Dll()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "credwatch.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "credwatch.runtimeconfig.json")))
        {
            return local;
        }

        var config = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(TestPaths.RepoRoot, "src", "CredWatch.Exporter", "bin", config, "net10.0", "credwatch.dll");
    }

    public static async Task<(int Code, string Out, string Err)> RunAsync(IEnumerable<string>? extraSecrets, params string[] args)
    {
        using var p = Process.Start(StartInfo(null, args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        var result = (p.ExitCode, await stdout, await stderr);
        FixtureSecrets.AssertNoSecret(result.Item2 + result.Item3, "credwatch " + string.Join(' ', args.Take(1)), extraSecrets);
        return result;
    }

    /// <summary>A clean-environment start for the real binary; <paramref name="env"/> adds <c>CREDWATCH_*</c> settings.</summary>
    public static ProcessStartInfo StartInfo(IDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Dll());
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var v in new[] { "CLAUDE_CONFIG_DIR", "CODEX_HOME", "OPENCLAW_STATE_DIR", "OPENCLAW_HOME", "XDG_STATE_HOME" })
        {
            psi.Environment.Remove(v);
        }

        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("CREDWATCH_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        return psi;
    }
}
