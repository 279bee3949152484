using System.Diagnostics;
using System.Globalization;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Support;

/// <summary>
/// The real built <c>credwatch</c> run as a child process, the way an operator runs it: either a verb that exits
/// (<see cref="RunAsync"/>: exit code and output, every output scanned for secrets) or the daemon on a free loopback
/// port (<see cref="StartDaemonAsync"/>: returns once /readyz answers). The developer's own environment is stripped
/// so only the arguments and <c>env</c> decide what it reads.
/// </summary>
internal sealed partial class CredWatchProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly LineBuffer _stdout = new();
    private readonly LineBuffer _stderr = new();
    private readonly LineBuffer _output = new();
    private HttpClient? _client;

    private CredWatchProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The loopback port of a daemon started with <see cref="StartDaemonAsync"/>, else 0.</summary>
    public int Port { get; private set; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>A client for the daemon's listener (disposed with the process).</summary>
    public HttpClient Client => _client ??= new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    public bool HasExited => _process.HasExited;

    public int Pid => _process.Id;

    /// <summary>SIGKILL: no shutdown hooks, no final save (what a crash or the OOM killer does).</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end and for both streams to reach EOF.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public int ExitCode => _process.ExitCode;

    public string Stdout => _stdout.ToString();

    public string Stderr => _stderr.ToString();

    /// <summary>stdout and stderr interleaved as they arrived (the log).</summary>
    public string Output => _output.ToString();

    /// <summary>The built credwatch.dll next to the tests, else the Exporter's own bin dir of the same configuration.</summary>
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

    /// <summary>
    /// <c>dotnet credwatch.dll ARGS</c> with none of the developer's pointers (<c>CREDWATCH_*</c>, <c>OPENCLAW_*</c>,
    /// <c>TELEGRAM_*</c>, the CLI stores' overrides, <c>XDG_STATE_HOME</c>); <paramref name="env"/> is applied after.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll());
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var key in psi.Environment.Keys.Where(IsIsolated).ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        return psi;
    }

    /// <summary>Starts <c>credwatch ARGS</c>; stdout/stderr are collected as they come.</summary>
    public static CredWatchProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, bool redirectInput = false)
    {
        var psi = StartInfo(args, env);
        psi.RedirectStandardInput = redirectInput;
        var p = new Process { StartInfo = psi };
        var self = new CredWatchProcess(p);
        p.OutputDataReceived += (_, e) => self.Add(self._stdout, e.Data);
        p.ErrorDataReceived += (_, e) => self.Add(self._stderr, e.Data);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return self;
    }

    /// <summary>
    /// <c>credwatch run --home HOME --state-dir STATE --web.listen-address 127.0.0.1:0 [extra]</c>: the port is the one
    /// CredWatch's start-up line says it bound (no free port guessed and re-bound); returned once /readyz answers 200 (first full scan
    /// done); fails with the daemon's output if it exits first.
    /// </summary>
    public static async Task<CredWatchProcess> StartDaemonAsync(
        string home, string stateDir, IReadOnlyDictionary<string, string>? env = null, IEnumerable<string>? extraArgs = null)
    {
        var p = Start(["run", "--home", home, "--state-dir", stateDir, "--web.listen-address", "127.0.0.1:0", .. extraArgs ?? []], env);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await Eventually.UntilAsync(
                async () =>
                {
                    if (p.HasExited)
                    {
                        // HasExited can be true before the async readers have delivered the last lines (the error
                        // message a test looks for); WaitForExitAsync also waits for both streams to reach EOF.
                        await p._process.WaitForExitAsync();
                        throw new InvalidOperationException($"credwatch run exited with {p.ExitCode} before ready:\n{p.Output}");
                    }

                    if (p.Port == 0)
                    {
                        p.Port = BoundPort(p.Output);
                        return false;
                    }

                    try
                    {
                        using var response = await http.GetAsync(new Uri(p.BaseUri, "readyz"));
                        return response.IsSuccessStatusCode;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(120),
                "credwatch run answers /readyz");
        }
        catch
        {
            await p.DisposeAsync();
            throw;
        }

        return p;
    }

    /// <summary>
    /// Runs a verb to completion (optionally feeding <paramref name="stdin"/>); stdout and stderr are scanned for the
    /// fixture secrets and <paramref name="extraSecrets"/>.
    /// </summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? stdin = null, IEnumerable<string>? extraSecrets = null)
    {
        var argList = args.ToList();
        await using var p = Start(argList, env, redirectInput: stdin is not null);
        if (stdin is not null)
        {
            await p._process.StandardInput.WriteAsync(stdin);
            p._process.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p._process.WaitForExitAsync(cts.Token);
        var result = (p._process.ExitCode, p.Stdout, p.Stderr);
        FixtureSecrets.AssertNoSecret(result.Stdout + result.Stderr, "credwatch " + string.Join(' ', argList.Take(1)), extraSecrets);
        return result;
    }

    public Task<string> ScrapeAsync() => Client.GetStringAsync("metrics");

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            // Also drains the asynchronous readers of an exited process.
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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

    private static bool IsIsolated(string key) =>
        key.StartsWith("CREDWATCH_", StringComparison.OrdinalIgnoreCase) ||
        key.StartsWith("OPENCLAW_", StringComparison.OrdinalIgnoreCase) ||
        key.StartsWith("TELEGRAM_", StringComparison.OrdinalIgnoreCase) ||
        key is "CLAUDE_CONFIG_DIR" or "CODEX_HOME" or "XDG_STATE_HOME";

    private void Add(LineBuffer stream, string? line)
    {
        stream.Add(line);
        _output.Add(line);
    }

    /// <summary>The port of CredWatch's start-up line ("… listening on http://127.0.0.1:PORT …"), else 0.</summary>
    public static int BoundPort(string output)
    {
        var match = ListeningLine().Match(output);
        return match.Success ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : 0;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"listening on https?://127\.0\.0\.1:(\d+)")]
    private static partial System.Text.RegularExpressions.Regex ListeningLine();
}
