using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CredWatch.TestSupport.OpenClaw;

/// <summary>
/// <c>openclaw gateway run --port P --bind loopback --auth token</c> on a scratch home. The port and token are also
/// written to <c>openclaw.json</c> (<c>gateway.port</c>, <c>gateway.auth.*</c>, <c>gateway.mode local</c>) because
/// CLI commands that go through the gateway (<c>agent</c>, <c>tasks retry|dismiss</c>) find it there. Ready when the
/// console prints <c>[gateway] ready</c> (log file: message "gateway ready"), polled, never slept for. Dispose kills
/// the whole process tree (the gateway forks a spawn broker) and anything else tagged with the home's marker.
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly LineBuffer _stdout = new();
    private readonly LineBuffer _stderr = new();
    private readonly OpenClawHome _home;

    private GatewayProcess(OpenClawHome home, Process process, int port, string token)
    {
        _home = home;
        _process = process;
        Port = port;
        Token = token;
    }

    public int Port { get; }

    /// <summary>The gateway's shared token (a test value, not a provider secret).</summary>
    public string Token { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string StdOut => _stdout.ToString();

    public string StdErr => _stderr.ToString();

    public static async Task<GatewayProcess> StartAsync(OpenClawHome home, int? port = null, string? token = null, TimeSpan? readyTimeout = null)
    {
        var p = port ?? FreeTcpPort.Next();
        var t = token ?? "gw-test-" + Guid.NewGuid().ToString("N");
        home.PatchConfig(
            ("gateway.mode", "local"),
            ("gateway.bind", "loopback"),
            ("gateway.port", p),
            ("gateway.auth", new JsonObject { ["mode"] = "token", ["token"] = t }));

        var psi = OpenClawProcesses.CreateStartInfo(home, ["gateway", "run", "--port", p.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "loopback", "--auth", "token"]);
        psi.Environment["OPENCLAW_GATEWAY_TOKEN"] = t;
        var process = new Process { StartInfo = psi };
        var gateway = new GatewayProcess(home, process, p, t);
        process.OutputDataReceived += (_, e) => gateway._stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => gateway._stderr.Add(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.Until(
                () => process.HasExited || ReadyLine().IsMatch(StripAnsi(gateway.StdOut)),
                readyTimeout ?? TimeSpan.FromSeconds(180),
                "openclaw gateway prints '[gateway] ready'");
            if (process.HasExited)
            {
                throw new InvalidOperationException($"openclaw gateway exited with {process.ExitCode} before ready; stderr: {gateway.StdErr}; stdout tail: {Tail(gateway.StdOut)}");
            }
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <summary>A CLI command against this gateway (same home, so the same config, port and token).</summary>
    public Task<OpenClawResult> RunCliAsync(IReadOnlyList<string> arguments, TimeSpan? timeout = null) =>
        OpenClawRunner.RunAsync(_home, arguments, timeout);

    /// <summary>
    /// <c>openclaw agent --agent &lt;id&gt; --session-key &lt;key&gt; -m &lt;text&gt; --json</c>: one turn through the gateway.
    /// </summary>
    public Task<OpenClawResult> AgentTurnAsync(string message, string sessionKey, string agent = "main", TimeSpan? timeout = null) =>
        RunCliAsync(["agent", "--agent", agent, "--session-key", sessionKey, "-m", message, "--json"], timeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGTERM drains active work for up to ~30 s (observed); tests want it gone now.
                _process.Kill(entireProcessTree: true);
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        catch (OperationCanceledException)
        {
            // Reported by the tagged sweep below.
        }
        finally
        {
            OpenClawProcesses.KillAllTaggedWith(_home.ScratchId);
            _process.Dispose();
        }
    }

    internal static string StripAnsi(string text) => AnsiEscape().Replace(text, "");



    private static string Tail(string text) => text.Length <= 1500 ? text : "…" + text[^1500..];

    [GeneratedRegex(@"\[gateway\]\s+ready\b")]
    private static partial Regex ReadyLine();

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex AnsiEscape();
}
