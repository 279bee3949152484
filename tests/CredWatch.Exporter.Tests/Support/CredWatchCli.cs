using System.Diagnostics;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Support;

/// <summary>
/// Runs the real built <c>credwatch</c> once as a process (a verb that exits) with the user's environment
/// overrides stripped, so only the arguments decide what it reads; every output is scanned for secrets.
/// </summary>
internal static class CredWatchCli
{
    private static readonly string[] IsolatedVariables =
        ["CLAUDE_CONFIG_DIR", "CODEX_HOME", "OPENCLAW_STATE_DIR", "OPENCLAW_HOME", "OPENCLAW_CONFIG_PATH", "XDG_STATE_HOME", "TELEGRAM_BOT_TOKEN"];

    public static string Dll()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "credwatch.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "credwatch.runtimeconfig.json")))
        {
            return local;
        }

        var config = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(TestPaths.RepoRoot, "src", "CredWatch.Exporter", "bin", config, "net10.0", "credwatch.dll");
    }

    public static async Task<(int Code, string Out, string Err)> RunAsync(string where, IEnumerable<string>? extraSecrets, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Dll());
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var v in IsolatedVariables)
        {
            psi.Environment.Remove(v);
        }

        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("CREDWATCH_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(key);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        var result = (p.ExitCode, await stdout, await stderr);
        FixtureSecrets.AssertNoSecret(result.Item2 + result.Item3, where, extraSecrets);
        return result;
    }
}
