using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Stores;
using CredWatch.TestSupport.OpenClaw;

namespace CredWatch.Exporter.Tests.OpenClaw;

/// <summary>The config path CredWatch resolves equals the one <c>openclaw config file</c> prints, home by home.</summary>
public sealed class InstallationAgainstRealCliTests
{
    [RealOpenClawFact]
    public async Task Config_path_agrees_with_openclaw_config_file()
    {
        using var home = OpenClawHome.Create("paths");
        Directory.Delete(home.StateDir, recursive: true);
        var root = home.Root;
        var cases = new List<(string Name, Action Arrange, Dictionary<string, string> Env, string? Profile)>
        {
            ("empty home", () => { }, [], null),
            ("legacy .clawdbot with clawdbot.json", () => Write(Path.Combine(root, ".clawdbot", "clawdbot.json")), [], null),
            ("$OPENCLAW_HOME with a legacy dir", () => Directory.CreateDirectory(Path.Combine(root, "oh", ".clawdbot")), new() { ["OPENCLAW_HOME"] = Path.Combine(root, "oh") }, null),
            ("$OPENCLAW_STATE_DIR", () => Directory.CreateDirectory(Path.Combine(root, "sd")), new() { ["OPENCLAW_STATE_DIR"] = Path.Combine(root, "sd") }, null),
            ("named profile", () => Write(Path.Combine(root, ".openclaw-work", "clawdbot.json")), new() { ["OPENCLAW_PROFILE"] = "work" }, "work"),
            ("named profile with $OPENCLAW_STATE_DIR", () => Write(Path.Combine(root, "sd2", "clawdbot.json")), new() { ["OPENCLAW_STATE_DIR"] = Path.Combine(root, "sd2"), ["OPENCLAW_PROFILE"] = "work" }, "work"),
            ("$OPENCLAW_CONFIG_PATH", () => { }, new() { ["OPENCLAW_CONFIG_PATH"] = Path.Combine(root, "conf", "x.json5") }, null),
        };

        foreach (var (name, arrange, env, profile) in cases)
        {
            arrange();
            var ours = new OpenClawInstallation(null, new PathEnvironment(root, n => env.GetValueOrDefault(n))).Resolve().ConfigPath;

            // The CLI takes a profile as --profile; $OPENCLAW_PROFILE is how CredWatch is told the same.
            var psi = OpenClawProcesses.CreateStartInfo(home, profile is null ? ["config", "file"] : ["--profile", profile, "config", "file"]);
            foreach (var (k, v) in env.Where(kv => kv.Key != "OPENCLAW_PROFILE"))
            {
                psi.Environment[k] = v;
            }

            var theirs = await RunAsync(psi);
            ours.Should().Be(theirs, name);
        }
    }

    private static void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{}");
    }

    private static async Task<string> RunAsync(System.Diagnostics.ProcessStartInfo psi)
    {
        using var p = System.Diagnostics.Process.Start(psi)!;
        p.StandardInput.Close();
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = await p.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(OpenClawRunner.DefaultTimeout);
        await p.WaitForExitAsync(limit.Token);
        p.ExitCode.Should().Be(0, await stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
    }
}
