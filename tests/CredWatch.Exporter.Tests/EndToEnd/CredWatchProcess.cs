using System.Diagnostics;
using System.Text;
using CredWatch.TestSupport;
using CredWatch.TestSupport.OpenClaw;

namespace CredWatch.Exporter.Tests.EndToEnd;

/// <summary>
/// The built <c>credwatch</c> as an operator runs it: <c>dotnet credwatch.dll run --home H --state-dir S
/// --web.listen-address 127.0.0.1:P</c> and nothing else (no Telegram flag, no config file, no CREDWATCH_* env), so
/// whatever it alerts through it found in the OpenClaw home by itself. Output is captured for the secret scan;
/// dispose kills it (by its own pid).
/// </summary>
internal sealed class CredWatchProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CredWatchProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    public string Output => Read(_stdout) + Read(_stderr);

    public static async Task<CredWatchProcess> StartAsync(string home, string stateDir)
    {
        var port = GatewayProcess.FreeLoopbackPort();
        var psi = StartInfo(["run", "--home", home, "--state-dir", stateDir, "--web.listen-address", $"127.0.0.1:{port}"]);
        var process = new Process { StartInfo = psi };
        var cw = new CredWatchProcess(process, port);
        process.OutputDataReceived += (_, e) => Append(cw._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(cw._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.UntilAsync(
                async () => process.HasExited || await IsReadyAsync(cw.Client),
                TimeSpan.FromSeconds(120),
                "credwatch run answers /readyz");
            if (process.HasExited)
            {
                throw new InvalidOperationException($"credwatch run exited with {process.ExitCode} before ready: {cw.Output}");
            }
        }
        catch
        {
            await cw.DisposeAsync();
            throw;
        }

        return cw;
    }

    /// <summary><c>credwatch check [args]</c> as a one-shot process: exit code and combined output.</summary>
    public static async Task<(int Code, string Output)> CheckAsync(params string[] arguments)
    {
        using var p = Process.Start(StartInfo(["check", .. arguments]))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(limit.Token);
        return (p.ExitCode, await stdout + await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        catch (OperationCanceledException)
        {
            // Left for the OS; the test already failed or finished.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient client)
    {
        try
        {
            return (await client.GetAsync("/readyz")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll());
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        // "Nothing else configured": none of the developer's own pointers may steer it.
        foreach (var key in psi.Environment.Keys.ToList())
        {
            if (key.StartsWith("CREDWATCH_", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("OPENCLAW_", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("TELEGRAM_", StringComparison.OrdinalIgnoreCase) ||
                key is "CLAUDE_CONFIG_DIR" or "CODEX_HOME" or "XDG_STATE_HOME")
            {
                psi.Environment.Remove(key);
            }
        }

        return psi;
    }

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

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sb)
        {
            sb.Append(line).Append('\n');
        }
    }

    private static string Read(StringBuilder sb)
    {
        lock (sb)
        {
            return sb.ToString();
        }
    }
}
