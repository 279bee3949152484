using System.Diagnostics;
using System.Text;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Integration;

/// <summary>The real built <c>credwatch</c> executable, run as a child process with a clean environment.</summary>
internal sealed class CredwatchProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private CredwatchProcess(Process process)
    {
        _process = process;
    }

    public string Stdout
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_err)
            {
                return _err.ToString();
            }
        }
    }

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

    /// <summary>Starts <c>credwatch ARGS</c>; stdout/stderr are collected as they come.</summary>
    public static CredwatchProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, bool redirectInput = false)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput };
        psi.ArgumentList.Add(Dll());
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var v in new[] { "CLAUDE_CONFIG_DIR", "CODEX_HOME", "OPENCLAW_STATE_DIR", "OPENCLAW_HOME", "OPENCLAW_CONFIG_PATH", "XDG_STATE_HOME" })
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

        var p = new Process { StartInfo = psi };
        var self = new CredwatchProcess(p);
        p.OutputDataReceived += (_, e) => self.Append(self._out, e.Data);
        p.ErrorDataReceived += (_, e) => self.Append(self._err, e.Data);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return self;
    }

    /// <summary>Runs to completion (optionally feeding <paramref name="stdin"/>); every output is scanned for fixture secrets.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? stdin = null)
    {
        await using var p = Start(args, env, redirectInput: stdin is not null);
        if (stdin is not null)
        {
            await p._process.StandardInput.WriteAsync(stdin);
            p._process.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p._process.WaitForExitAsync(cts.Token);
        var result = (p._process.ExitCode, p.Stdout, p.Stderr);
        FixtureSecrets.AssertNoSecret(result.Stdout + result.Stderr, "credwatch " + string.Join(' ', args));
        return result;
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(cts.Token);
        }
        else
        {
            // Drains the asynchronous readers.
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sb)
        {
            sb.AppendLine(line);
        }
    }
}
