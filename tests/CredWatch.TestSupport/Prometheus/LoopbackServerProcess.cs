using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CredWatch.TestSupport.Prometheus;

/// <summary>
/// One real server process (Prometheus, Alertmanager, Pushgateway) on 127.0.0.1:&lt;random port&gt; with its
/// own temp directory. Start polls /-/ready; dispose kills the process tree and deletes the directory.
/// </summary>
public abstract class LoopbackServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    protected LoopbackServerProcess(string executable)
    {
        Executable = executable;
        WorkDir = Directory.CreateTempSubdirectory("credwatch-" + executable + "-").FullName;
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Executable { get; }

    /// <summary>Temp directory for config and storage (deleted at dispose).</summary>
    public string WorkDir { get; }

    public int Port { get; private set; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    /// <summary><c>127.0.0.1:PORT</c>, as scrape and alerting configs name a target.</summary>
    public string HostPort => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public HttpClient Http { get; }

    /// <summary>Everything the process wrote so far (for assertion messages).</summary>
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

    protected abstract IEnumerable<string> Arguments(int port);

    /// <summary>
    /// Writes <paramref name="config"/> (when given) to <paramref name="configPath"/>, starts <paramref name="server"/>
    /// and returns it once ready; a server that fails to start is disposed (process and temp dir) before the throw.
    /// </summary>
    protected static async Task<T> StartAsync<T>(T server, string? configPath = null, string? config = null)
        where T : LoopbackServerProcess
    {
        ArgumentNullException.ThrowIfNull(server);
        try
        {
            if (configPath is not null && config is not null)
            {
                await File.WriteAllTextAsync(configPath, config);
            }

            await server.StartProcessAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the process and waits until /-/ready answers 200; retries with a new port if it dies at start.</summary>
    protected async Task StartProcessAsync(TimeSpan? readyTimeout = null)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Port = FreeTcpPort.Next();
            var psi = new ProcessStartInfo(PromBinaries.Require(Executable))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = WorkDir,
            };
            foreach (var a in Arguments(Port))
            {
                psi.ArgumentList.Add(a);
            }

            var process = new Process { StartInfo = psi };
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            try
            {
                await Eventually.UntilAsync(
                    async () =>
                    {
                        if (process.HasExited)
                        {
                            throw new InvalidOperationException($"{Executable} exited with {process.ExitCode}:\n{Output}");
                        }

                        try
                        {
                            using var response = await Http.GetAsync(new Uri(BaseUri, "-/ready"));
                            return response.IsSuccessStatusCode;
                        }
                        catch (HttpRequestException)
                        {
                            return false;
                        }
                    },
                    readyTimeout ?? TimeSpan.FromSeconds(60),
                    $"{Executable} ready on {BaseUri}");
                return;
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
                KillProcess();
            }
        }

        throw new InvalidOperationException($"{Executable} did not start", last);
    }

    public async Task<string> GetStringAsync(string relative)
    {
        using var response = await Http.GetAsync(new Uri(BaseUri, relative));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {relative} -> {(int)response.StatusCode}: {body}");
        }

        return body;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Bounded: a long test must not grow memory without limit.
            if (_output.Length < 1_000_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private void KillProcess()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    public virtual ValueTask DisposeAsync()
    {
        KillProcess();
        Http.Dispose();
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying child: leave the temp dir to the OS.
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
