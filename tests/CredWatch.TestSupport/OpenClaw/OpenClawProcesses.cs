using System.Diagnostics;
using System.Globalization;

namespace CredWatch.TestSupport.OpenClaw;

/// <summary>
/// Starts OpenClaw processes with a hermetic, offline environment and ends the ones a test left behind — only
/// processes carrying the home's own marker, each by its pid (never by name).
/// </summary>
public static class OpenClawProcesses
{
    public const string MarkerVariable = "CREDWATCH_OPENCLAW_SCRATCH";

    /// <summary>A closed loopback port: any non-loopback HTTP(S) request OpenClaw tries fails at once with ECONNREFUSED.</summary>
    public const string DeadProxy = "http://127.0.0.1:9";

    public static ProcessStartInfo CreateStartInfo(OpenClawHome home, IEnumerable<string> arguments)
    {
        if (!OpenClawInstall.IsAvailable)
        {
            throw new InvalidOperationException(OpenClawInstall.MissingReason);
        }

        var psi = new ProcessStartInfo(OpenClawInstall.NodeExecutable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home.Root,
        };
        psi.ArgumentList.Add(OpenClawInstall.CliScript);
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        // Nothing of the developer's own OpenClaw may leak in: drop every inherited OPENCLAW_* and proxy setting.
        foreach (var key in psi.Environment.Keys.ToList())
        {
            if (key.StartsWith("OPENCLAW_", StringComparison.OrdinalIgnoreCase) ||
                key.EndsWith("_PROXY", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("TELEGRAM_", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("ANTHROPIC_", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("OPENAI_", StringComparison.OrdinalIgnoreCase))
            {
                psi.Environment.Remove(key);
            }
        }

        psi.Environment["HOME"] = home.Root;
        psi.Environment["PATH"] = OpenClawInstall.NodeBinDirectory + ":" + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["FORCE_COLOR"] = "0";
        psi.Environment["CI"] = "1";
        psi.Environment[MarkerVariable] = home.ScratchId;

        // Offline even on a CI box that has a network: Node (≥ 24) routes fetch through the env proxy when
        // NODE_USE_ENV_PROXY=1, and the proxy is a closed port, so the OAuth refresh (hard-coded
        // https://platform.claude.com/v1/oauth/token) and catalog fetches fail fast. Loopback (the fake
        // Anthropic server, the Bot API test server, the gateway) is exempt.
        psi.Environment["NODE_USE_ENV_PROXY"] = "1";
        psi.Environment["HTTP_PROXY"] = DeadProxy;
        psi.Environment["HTTPS_PROXY"] = DeadProxy;
        psi.Environment["NO_PROXY"] = "127.0.0.1,localhost,::1";
        return psi;
    }

    /// <summary>Ends every live process whose environment carries this home's marker (by pid, SIGKILL).</summary>
    public static int KillAllTaggedWith(string scratchId)
    {
        var needle = $"{MarkerVariable}={scratchId}";
        var killed = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            string environ;
            try
            {
                environ = File.ReadAllText(Path.Combine(dir, "environ"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (!environ.Split('\0').Contains(needle, StringComparer.Ordinal))
            {
                continue;
            }

            try
            {
                using var p = Process.GetProcessById(pid);
                p.Kill(entireProcessTree: true);
                killed++;
            }
            catch (ArgumentException)
            {
                // Exited meanwhile.
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
        }

        return killed;
    }

    /// <summary>Live pids tagged with this home's marker (tests assert none survive a dispose).</summary>
    public static IReadOnlyList<int> TaggedWith(string scratchId)
    {
        var needle = $"{MarkerVariable}={scratchId}";
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var state = stat[(stat.LastIndexOf(')') + 2)..][0];
                if (state != 'Z' && File.ReadAllText(Path.Combine(dir, "environ")).Split('\0').Contains(needle, StringComparer.Ordinal))
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return pids;
    }
}
