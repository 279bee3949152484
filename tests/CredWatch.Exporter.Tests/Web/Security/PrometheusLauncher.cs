using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Web.Security;

/// <summary>
/// Runs the real Debian <c>prometheus</c> on 127.0.0.1 with a temp storage dir. Self-contained for now;
/// a shared runner in TestSupport may replace it.
/// </summary>
public sealed class PrometheusLauncher : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private PrometheusLauncher(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static string? FindBinary()
    {
        var candidate = Environment.GetEnvironmentVariable("CREDWATCH_PROMETHEUS") ?? "/usr/bin/prometheus";
        return File.Exists(candidate) ? candidate : null;
    }

    public static async Task<PrometheusLauncher> StartAsync(string binary, string workDirectory, string configYaml)
    {
        var configFile = Path.Combine(workDirectory, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, configYaml);
        var port = FreeLoopbackPort();
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDirectory,
        };
        info.ArgumentList.Add("--config.file=" + configFile);
        info.ArgumentList.Add("--storage.tsdb.path=" + Path.Combine(workDirectory, "data"));
        info.ArgumentList.Add("--web.listen-address=127.0.0.1:" + port);
        info.ArgumentList.Add("--log.level=info");
        var process = Process.Start(info) ?? throw new InvalidOperationException("prometheus did not start");
        var launcher = new PrometheusLauncher(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => launcher.Append(e.Data);
        process.ErrorDataReceived += (_, e) => launcher.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await Eventually.UntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException("prometheus exited: " + launcher.Output);
                }

                try
                {
                    return (await launcher.http.GetAsync(new Uri(launcher.BaseAddress, "-/ready"))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            "prometheus ready");
        return launcher;
    }

    /// <summary>The active target of <paramref name="job"/> from /api/v1/targets, or null before discovery.</summary>
    public async Task<(string Health, string LastError)?> TargetAsync(string job)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(BaseAddress, "api/v1/targets?state=active")));
        foreach (var target in document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray())
        {
            if (target.GetProperty("labels").GetProperty("job").GetString() == job)
            {
                return (target.GetProperty("health").GetString() ?? "", target.GetProperty("lastError").GetString() ?? "");
            }
        }

        return null;
    }

    public async Task<int> QueryCountAsync(string promql)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(BaseAddress, "api/v1/query?query=" + Uri.EscapeDataString(promql))));
        return document.RootElement.GetProperty("data").GetProperty("result").GetArrayLength();
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
