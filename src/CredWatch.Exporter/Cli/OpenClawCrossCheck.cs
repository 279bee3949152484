using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Effective;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tasks;

namespace CredWatch.Exporter.Cli;

/// <summary>
/// <c>credwatch check --openclaw</c>: asks OpenClaw itself (<c>openclaw models status --json</c>, and
/// <c>--agent &lt;id&gt;</c> for every other agent with a store) and reports, per profile, where its view differs from
/// CredWatch's (expiry, status). OpenClaw 2026.9.6 shows a failed fence as plain <c>expired</c> without
/// <c>expiresAt</c> (docs/openclaw-observed.md): that is agreement. No executable → one note, never an error.
/// CredWatch opens no connection of its own here; the child sees the installation this scan watched.
/// </summary>
internal sealed class OpenClawCrossCheck(string? executable, TimeSpan timeout, OpenClawInstallation installation, TimeProvider time)
{
    private const string Component = "openclaw";
    private const int MaxOutputChars = 4 * 1024 * 1024;

    /// <summary>Default bound for one <c>models status</c> run (~2 s idle on 2026.9.6; much more on a loaded box).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<CheckLine>> GetLinesAsync(RegistryState state, CancellationToken cancellationToken)
    {
        var bin = OpenClawExecutable.Resolve(executable);
        if (bin is null)
        {
            var what = executable is null ? "no `openclaw` executable on PATH" : $"{executable} is not an executable file";
            return [new CheckLine(CheckSeverity.Ok, Component, "cross-check", $"skipped: {what} (give one with --openclaw-bin PATH)")];
        }

        var lines = new List<CheckLine>();
        var agents = new List<string?> { null };
        agents.AddRange(state.Stores.Values.Select(e => e.Snapshot)
            .Where(s => s.Id.Store == StoreLabels.OpenClaw && s.Id.Agent is { } a && a != "main" && s.Up)
            .Select(s => s.Id.Agent).Order(StringComparer.Ordinal));
        foreach (var agent in agents)
        {
            lines.AddRange(await CheckAgentAsync(bin, agent, state, cancellationToken));
        }

        return lines;
    }

    private async Task<IReadOnlyList<CheckLine>> CheckAgentAsync(string bin, string? agent, RegistryState state, CancellationToken cancellationToken)
    {
        var label = agent ?? "main";
        var subject = "agent " + label;
        string[] args = agent is null ? ["models", "status", "--json"] : ["models", "status", "--json", "--agent", agent];
        var run = await RunAsync(bin, args, cancellationToken);
        if (run.TimedOut)
        {
            return [new CheckLine(CheckSeverity.Warning, Component, subject, $"`openclaw {string.Join(' ', args)}` did not answer within {timeout.TotalSeconds:F0} s (killed); nothing compared")];
        }

        using var doc = ParseJson(run.StdOut);
        if (run.ExitCode != 0 || doc is null || !doc.RootElement.TryGetProperty("auth", out var auth))
        {
            var message = doc is not null && doc.RootElement.TryGetProperty("error", out var err) && err.ValueKind == JsonValueKind.Object
                && err.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return [new CheckLine(CheckSeverity.Warning, Component, subject,
                $"`openclaw {string.Join(' ', args)}` exited {run.ExitCode}: {Bounded(message ?? "no JSON answer")}; nothing compared")];
        }

        var resolved = EffectiveCredentialResolver.Resolve(state, OpenClawAuthConfig.From(installation.Resolve().Config), time.GetUtcNow());
        return Compare(label, subject, auth, Effective(state, label), resolved);
    }

    /// <summary>
    /// <c>auth.oauth.providers[].effectiveProfiles</c> is OpenClaw's own <c>resolveAuthProfileOrder</c>: its first entry
    /// must be the profile CredWatch says the next turn uses. Returns how many providers agreed.
    /// </summary>
    private static int CompareFirstTried(string agent, string subject, JsonElement auth, IReadOnlyList<EffectiveCredential> effective, List<CheckLine> lines)
    {
        var agreed = 0;
        if (!auth.TryGetProperty("oauth", out var oauth) || oauth.ValueKind != JsonValueKind.Object
            || !oauth.TryGetProperty("providers", out var providers) || providers.ValueKind != JsonValueKind.Array)
        {
            return 0;
        }

        foreach (var p in providers.EnumerateArray())
        {
            if (Str(p, "provider") is not { } provider || !p.TryGetProperty("effectiveProfiles", out var list) || list.ValueKind != JsonValueKind.Array
                || list.EnumerateArray().Select(x => Str(x, "profileId")).FirstOrDefault() is not { } theirs)
            {
                continue;
            }

            var mine = effective.FirstOrDefault(e => e.Agent == agent && e.Provider == ProfileIds.NormalizeProvider(provider));
            var ours = mine is { Order.Count: > 0 } ? mine.Order[0].ProfileId : null;
            if (ours == theirs)
            {
                agreed++;
            }
            else
            {
                lines.Add(new CheckLine(CheckSeverity.Warning, Component, $"{subject} {provider}",
                    $"first profile tried differs: OpenClaw {theirs}, CredWatch {ours ?? "none"}"));
            }
        }

        return agreed;
    }

    private List<CheckLine> Compare(string agent, string subject, JsonElement auth, Dictionary<string, (ProfileSnapshot Profile, ComparisonResult? Result, StoreId Store)> mine,
        IReadOnlyList<EffectiveCredential> effective)
    {
        var lines = new List<CheckLine>();
        var now = time.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var compared = 0;
        var profiles = auth.TryGetProperty("oauth", out var oauth) && oauth.ValueKind == JsonValueKind.Object
            && oauth.TryGetProperty("profiles", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        foreach (var p in profiles)
        {
            var id = Str(p, "profileId");
            var status = Str(p, "status");
            if (id is null || status is null or "static")
            {
                continue;
            }

            seen.Add(id);
            if (!mine.TryGetValue(id, out var view))
            {
                lines.Add(new CheckLine(CheckSeverity.Warning, Component, $"{subject} {id}", $"OpenClaw lists this {status} profile; CredWatch found no such OAuth profile for agent {agent}"));
                continue;
            }

            if (view.Result?.State == TokenStates.Passthrough)
            {
                continue;
            }

            compared++;
            long? theirs = p.TryGetProperty("expiresAt", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var ms) ? ms : null;
            var ours = view.Profile.AccessExpiresAt?.ToUnixTimeMilliseconds();
            var fenced = view.Profile.Fence != FenceState.None;
            if (theirs != ours && !(fenced && theirs is null))
            {
                lines.Add(new CheckLine(CheckSeverity.Warning, Component, $"{subject} {id}",
                    $"expiry differs: OpenClaw {Time(theirs)}, CredWatch {Time(ours)} ({view.Store})"));
            }

            var ourExpired = view.Result?.State is TokenStates.Expired or TokenStates.ReloginRequired or TokenStates.Blanked or TokenStates.RefreshStuck
                || view.Profile.AccessExpiresAt is { } a && a <= now;
            var theirExpired = status == "expired";
            if ((status is "ok" or "expiring" or "expired") && ourExpired != theirExpired)
            {
                lines.Add(new CheckLine(CheckSeverity.Warning, Component, $"{subject} {id}",
                    $"status differs: OpenClaw says {status}, CredWatch says {view.Result?.State ?? "unknown"} ({view.Store})"));
            }
        }

        foreach (var (id, view) in mine.Where(m => !seen.Contains(m.Key) && m.Value.Result?.State != TokenStates.Passthrough))
        {
            lines.Add(new CheckLine(CheckSeverity.Warning, Component, $"{subject} {id}", $"CredWatch found this OAuth profile in {view.Store}; OpenClaw does not list it for agent {agent}"));
        }

        var firsts = CompareFirstTried(agent, subject, auth, effective, lines);
        if (lines.Count == 0)
        {
            var order = firsts > 0 ? $" and on the profile tried first for {firsts} provider(s)" : string.Empty;
            lines.Add(new CheckLine(CheckSeverity.Ok, Component, subject, $"`openclaw models status` agrees with CredWatch on {compared} OAuth profile(s){order}"));
        }

        return lines;
    }

    /// <summary>What an agent uses: its own profiles over the shared store's (main: the shared store, or main's own store before 2026.6).</summary>
    private static Dictionary<string, (ProfileSnapshot, ComparisonResult?, StoreId)> Effective(RegistryState state, string agent)
    {
        var map = new Dictionary<string, (ProfileSnapshot, ComparisonResult?, StoreId)>(StringComparer.Ordinal);
        void Add(StoreSnapshot? s)
        {
            foreach (var p in s?.Profiles.Where(p => p.Type == ProfileType.OAuth) ?? [])
            {
                map[p.ProfileId] = (p, state.Comparisons.FirstOrDefault(c => c.Store == s!.Id && c.ProfileId == p.ProfileId), s!.Id);
            }
        }

        var snapshots = state.Stores.Values.Select(e => e.Snapshot).Where(s => s.Up).ToList();
        Add(snapshots.FirstOrDefault(s => s.Id.Store == StoreLabels.OpenClawShared));
        Add(snapshots.FirstOrDefault(s => s.Id == new StoreId(StoreLabels.OpenClaw, agent)));
        return map;
    }

    private sealed record RunResult(int ExitCode, string StdOut, bool TimedOut);

    private async Task<RunResult> RunAsync(string bin, string[] args, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(bin)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        installation.ApplyTo(psi.Environment);

        using var process = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && stdout.Length < MaxOutputChars)
            {
                stdout.Append(e.Data).Append('\n');
            }
        };

        // stderr is drained (a full pipe would stall the child) but never printed: it is OpenClaw's log, not ours.
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
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
            return new RunResult(-1, string.Empty, true);
        }

        process.WaitForExit();
        return new RunResult(process.ExitCode, stdout.ToString(), false);
    }

    private static JsonDocument? ParseJson(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(text.AsMemory(start));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Time(long? ms) => ms is { } v && v is > 0 and < 253402300799999
        ? DateTimeOffset.FromUnixTimeMilliseconds(v).ToString("u", CultureInfo.InvariantCulture)
        : "none";

    private static string Bounded(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= 300 ? oneLine : oneLine[..300] + "…";
    }
}
