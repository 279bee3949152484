using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CredWatch.TestSupport.OpenClaw;

/// <summary>
/// Runs the real OpenClaw CLI against a scratch <see cref="OpenClawHome"/>, offline, with a timeout (the process
/// tree is killed when it expires), capturing stdout and stderr. Command spellings are the ones 2026.9.6's
/// <c>--help</c> shows (docs/openclaw-observed.md).
/// </summary>
public static class OpenClawRunner
{
    /// <summary>Doctor takes 6–16 s on an idle box and ~50 s at load average 30 on 2 cores: leave room.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(180);

    public static async Task<OpenClawResult> RunAsync(OpenClawHome home, IReadOnlyList<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var psi = OpenClawProcesses.CreateStartInfo(home, arguments);
        var stdout = new LineBuffer();
        var stderr = new LineBuffer();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        process.Start();
        process.StandardInput.Close(); // never wait on a prompt
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? DefaultTimeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // WaitForExit without timeout also drains the async readers.
        process.WaitForExit();
        cancellationToken.ThrowIfCancellationRequested();
        return new OpenClawResult(arguments, timedOut ? -1 : process.ExitCode, stdout.ToString(), stderr.ToString(), timedOut, clock.Elapsed);
    }

    public static Task<OpenClawResult> VersionAsync(OpenClawHome home) => RunAsync(home, ["--version"]);

    /// <summary><c>openclaw doctor --fix --non-interactive</c>: migrates legacy JSON stores into SQLite (formats §3c).</summary>
    public static Task<OpenClawResult> DoctorFixAsync(OpenClawHome home) => RunAsync(home, ["doctor", "--fix", "--non-interactive"]);

    /// <summary><c>openclaw models status --json [--agent id]</c>; <c>--agent</c> needs a configured agent.</summary>
    public static Task<OpenClawResult> ModelsStatusAsync(OpenClawHome home, string? agent = null) =>
        RunAsync(home, agent is null ? ["models", "status", "--json"] : ["models", "status", "--json", "--agent", agent]);

    public static Task<OpenClawResult> TasksListAsync(OpenClawHome home) => RunAsync(home, ["tasks", "list", "--json"]);

    public static Task<OpenClawResult> TasksShowAsync(OpenClawHome home, string lookup) => RunAsync(home, ["tasks", "show", lookup, "--json"]);

    public static Task<OpenClawResult> TasksAuditAsync(OpenClawHome home) => RunAsync(home, ["tasks", "audit", "--json"]);

    /// <summary><c>openclaw tasks retry &lt;ids…&gt;</c> (up to 10; goes through the running gateway; exit 1 "not blocked" otherwise).</summary>
    public static Task<OpenClawResult> TasksRetryAsync(OpenClawHome home, params string[] taskIds) => RunAsync(home, ["tasks", "retry", .. taskIds]);

    public static Task<OpenClawResult> TasksDismissAsync(OpenClawHome home, params string[] taskIds) => RunAsync(home, ["tasks", "dismiss", .. taskIds]);

    /// <summary><c>openclaw config set &lt;key&gt; &lt;value&gt;</c> (~2 s per call; <see cref="OpenClawHome.PatchConfig"/> is faster).</summary>
    public static Task<OpenClawResult> ConfigSetAsync(OpenClawHome home, string key, string value) => RunAsync(home, ["config", "set", key, value]);

    /// <summary>Fails the test with the command's stderr when it did not exit 0.</summary>
    public static OpenClawResult EnsureSuccess(this OpenClawResult result) =>
        result.Succeeded ? result : throw new Xunit.Sdk.XunitException("OpenClaw command failed: " + result);

    public static JsonNode JsonOrThrow(this OpenClawResult result) => result.EnsureSuccess().Json();


}
