using System.Diagnostics;
using System.Globalization;
using System.Text;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// The real built CredWatch daemon (<c>dotnet credwatch.dll run</c>) on 127.0.0.1:&lt;free port&gt;, on a
/// throw-away copy of the fixture home (openclaw/hr-bp is a stale copy of the claude-cli login) and a temp
/// state dir: the scrape target of the ops end-to-end tests.
/// </summary>
internal sealed class CredWatchProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private CredWatchProcess(TempHome home, Process process, int port)
    {
        Home = home;
        _process = process;
        Port = port;
    }

    public TempHome Home { get; }

    public int Port { get; }

    public string HostPort => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public Uri BaseUri => new($"http://{HostPort}/");

    /// <summary>stdout + stderr so far (the log).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private const string LogTailPathVariable = "CREDWATCH_LOGTAIL__PATHS__0";

    /// <summary>Where this CredWatch follows gateway logs (<c>openclaw-*.log</c>) unless the caller configured LogTail itself.</summary>
    public static string LogDir(TempHome home) => Path.Combine(home.Root, "gateway-logs");

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

    /// <summary>Starts CredWatch and waits until /readyz answers 200 (first scan done).</summary>
    public static async Task<CredWatchProcess> StartAsync(TempHome? home = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        home ??= new TempHome();
        Directory.CreateDirectory(home.StateDir);
        var port = FreeTcpPort.Next();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home.Root,
        };
        foreach (var a in new[] { Dll(), "run", "--home", home.Home, "--state-dir", home.StateDir, "--web.listen-address", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        // The host's own environment must not leak into the fixture (a developer's real stores, CI settings).
        foreach (var v in new[] { "CLAUDE_CONFIG_DIR", "CODEX_HOME", "OPENCLAW_STATE_DIR", "OPENCLAW_HOME", "XDG_STATE_HOME" })
        {
            psi.Environment.Remove(v);
        }

        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("CREDWATCH_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(key);
        }

        // Gateway logs only from the throw-away home unless the caller says otherwise: OpenClaw's default log dir
        // (/tmp/openclaw) belongs to whatever else runs on the machine.
        Directory.CreateDirectory(LogDir(home));
        psi.Environment[LogTailPathVariable] = Path.Combine(LogDir(home), "openclaw-*.log");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var process = new Process { StartInfo = psi };
        var running = new CredWatchProcess(home, process, port);
        process.OutputDataReceived += (_, e) => running.Append(e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await Eventually.UntilAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"credwatch exited with {process.ExitCode}:\n{running.Output}");
                    }

                    try
                    {
                        using var response = await http.GetAsync(new Uri(running.BaseUri, "readyz"));
                        return response.IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                    catch (TaskCanceledException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(90),
                "credwatch /readyz 200");
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }

        return running;
    }

    public async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetStringAsync(new Uri(BaseUri, "metrics"));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        _process.Dispose();
        Home.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
