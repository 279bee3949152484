using System.Diagnostics;
using System.Text;
using CredWatch.Exporter.OpenClaw;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// <c>openclaw tasks retry &lt;id&gt;</c> against the watched installation (HOME, state dir and config): the CLI asks
/// the running gateway (<c>tasks.retry</c>), which starts a new 30-minute delivery window. CredWatch never
/// writes OpenClaw's database. On 2026.9.6 success prints "Retried 1 completion delivery." (exit 0); a
/// refusal prints "&lt;id&gt;: &lt;reason&gt;" on stderr (exit 1), an unknown id "Task not found: &lt;id&gt;. …"; no
/// gateway: "Gateway not reachable at ws://… (ECONNREFUSED)." (seen on 2026.9.6), or "… requires credentials …"
/// when the home's config has no gateway auth.
/// </summary>
internal sealed class OpenClawTaskRetrier(string? executable, OpenClawInstallation installation, TimeSpan timeout) : ITaskRetrier
{
    private const int MaxCapture = 64 * 1024;

    public string? Executable { get; } = executable;

    public async Task<(string Outcome, string? Detail)> RetryAsync(string taskId, CancellationToken cancellationToken)
    {
        if (Executable is null)
        {
            return (TaskRetryOutcomes.Error, "no openclaw executable");
        }

        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("tasks");
        psi.ArgumentList.Add("retry");
        psi.ArgumentList.Add(taskId);
        installation.ApplyTo(psi.Environment);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return (TaskRetryOutcomes.Error, "could not start " + Path.GetFileName(Executable));
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return (TaskRetryOutcomes.Timeout, $"no answer within {timeout.TotalSeconds:F0} s");
        }

        process.WaitForExit();
        return Classify(process.ExitCode, stdout.ToString(), stderr.ToString(), taskId);
    }

    internal static (string Outcome, string? Detail) Classify(int exitCode, string stdout, string stderr, string taskId)
    {
        if (exitCode == 0 && stdout.Contains("Retried", StringComparison.Ordinal))
        {
            return (TaskRetryOutcomes.Ok, null);
        }

        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // "Gateway not reachable at ws://… (ECONNREFUSED)", "gateway tasks.retry requires credentials…",
        // "Task delivery retry requires a live Gateway: …": the retry never reached OpenClaw's ledger.
        var gateway = lines.FirstOrDefault(l => l.Contains("gateway", StringComparison.OrdinalIgnoreCase));
        if (gateway is not null)
        {
            return (TaskRetryOutcomes.NoGateway, UndeliveredResultBuilder.Redact(gateway));
        }

        // Seen on 2026.9.6 while a gateway starts: "Task registry restore failed: another OpenClaw process owns state-lifecycle".
        var busy = lines.FirstOrDefault(l => l.Contains("another OpenClaw process owns", StringComparison.Ordinal));
        if (busy is not null)
        {
            return (TaskRetryOutcomes.Busy, UndeliveredResultBuilder.Redact(busy));
        }

        // OpenClaw's own refusal names the task: "<id>: completion delivery is not blocked".
        var refusal = lines.FirstOrDefault(l => l.StartsWith(taskId + ":", StringComparison.Ordinal))?[(taskId.Length + 1)..].Trim()
            ?? lines.LastOrDefault(l => !l.StartsWith('[') && !l.StartsWith('{'))
            ?? $"exit code {exitCode}";
        return (TaskRetryOutcomes.Refused, UndeliveredResultBuilder.Redact(refusal));
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is not null && sb.Length < MaxCapture)
        {
            sb.Append(line).Append('\n');
        }
    }
}
