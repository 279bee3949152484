using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Reporting;

/// <summary>The core's check lines: one per store problem and one per credential.</summary>
internal static class CoreCheckLines
{
    public static IReadOnlyList<CheckLine> For(RegistryState state, DateTimeOffset now, TimeSpan warningWindow)
    {
        var lines = new List<CheckLine>();
        foreach (var e in state.Stores.Values.OrderBy(e => e.Snapshot.Id.ToString(), StringComparer.Ordinal))
        {
            var s = e.Snapshot;
            if (s.Absent)
            {
                // A store that simply is not there (no Codex on this host) is information, not a failure.
                lines.Add(new CheckLine(CheckSeverity.Ok, "store", s.Id.ToString(), $"absent: {s.Error?.Detail} (not configured, no copies of it: nothing to watch)"));
            }
            else if (s.Error is { } err)
            {
                var why = err.Reason != StoreErrorReasons.NotFound ? string.Empty
                    : s.Explicit ? " (configured explicitly)"
                    : e.EverPresent ? " (it was there before)"
                    : " (OpenClaw holds copies of its login)";
                lines.Add(new CheckLine(CheckSeverity.Critical, "store", s.Id.ToString(), $"{err.Reason}: {err.Detail}{why}"));
            }
            else
            {
                var where = s.SharedLocation is { } loc ? $" (shared store: {loc}, used by agents {string.Join(", ", InheritingAgents(state, null))})" : string.Empty;
                lines.Add(new CheckLine(CheckSeverity.Ok, "store", s.Id.ToString(), $"{s.Layout}, {s.Profiles.Count} credential(s){where}"));
            }

            if (s.MigrationRequiredBy is { } json)
            {
                lines.Add(new CheckLine(CheckSeverity.Critical, "store", s.Id.ToString(),
                    $"migration_required: OpenClaw refuses this store while {json} is live (\"requires legacy credential migration\"); run `{RepairCommands.DoctorFix}` ({AgentsOf(state, s.Id)})"));
            }

            foreach (var ignored in s.IgnoredResignIns)
            {
                lines.Add(new CheckLine(CheckSeverity.Critical, "store", s.Id + " " + ignored.ProfileId,
                    $"ignored re-sign-in: a login valid until {ignored.ArchivedExpiresAt:u} was archived in {ignored.ArchivePath} and never imported (the database keeps its older profile); "
                    + $"sign in again: `{RepairCommands.ProfileLogin(ignored.Provider, ignored.ProfileId)}` ({AgentsOf(state, s.Id, ignored.ProfileId)})"));
            }
        }

        foreach (var c in state.Comparisons)
        {
            var subject = c.Store + " " + c.DisplayId;
            var severity = c.State == TokenStates.Passthrough ? CheckSeverity.Ok
                : TokenStates.IsCritical(c.State) ? CheckSeverity.Critical
                : c.State == TokenStates.Ahead ? CheckSeverity.Warning
                : c.LoginExpiresAt is { } end && end - now <= warningWindow ? CheckSeverity.Warning
                : CheckSeverity.Ok;
            var expiry = c.LoginExpiresAt is { } le ? $" (login ends {le:u})" : c.AccessExpiresAt is { } ae ? $" (access token until {ae:u})" : string.Empty;
            var repair = Repair(c) is { } advice ? $"; {advice} ({AgentsOf(state, c.Store, c.ProfileId)})" : string.Empty;
            var uses = c.ShadowsShared && !c.StaleShadow ? " (shadows the shared profile of the same id: the agent uses this local copy)" : string.Empty;
            lines.Add(new CheckLine(severity, "token", subject, $"{c.State}: {c.Detail}{uses}{expiry}{repair}")
            {
                Credential = new(c.Store.Store, c.Store.Agent, c.DisplayId, c.Provider, c.State, c.LoginExpiresAt ?? c.AccessExpiresAt,
                    c.LoginExpiresAt is not null ? "login" : c.AccessExpiresAt is not null ? "access_token" : null),
            });
        }

        if (!state.Stores.Values.Any(e => e.Snapshot.Up))
        {
            lines.Add(new CheckLine(CheckSeverity.Unknown, "store", "all", $"no credential store found (see --home, CLAUDE_CONFIG_DIR, CODEX_HOME; OpenClaw's state dir was taken to be {state.OpenClawStateDir ?? "none"}, set CredWatch:Stores:OpenClawStateDir if it is elsewhere)"));
        }

        return lines;
    }

    /// <summary>"run `…`": the OpenClaw command that repairs a credential, for the states of OpenClaw's SQLite stores.</summary>
    internal static string? Repair(ComparisonResult c)
    {
        if (c.Store.Store is not (StoreLabels.OpenClaw or StoreLabels.OpenClawShared))
        {
            return null;
        }

        var provider = c.StoredProvider ?? c.Provider;
        return c.State switch
        {
            _ when c.StaleShadow => $"run `{RepairCommands.DoctorFix}` (removes the stale shadow; the agent then inherits the shared profile)",
            TokenStates.ReloginRequired => $"run `{RepairCommands.ProfileLogin(provider, c.ProfileId)}`",
            TokenStates.RefreshStuck => $"run `{RepairCommands.DoctorFix}`, and if the fence stays: `{RepairCommands.ProfileLogin(provider, c.ProfileId)}`",
            TokenStates.MigrationRequired => $"run `{RepairCommands.DoctorFix}`",
            // CredWatch's own repair: copies the live login over the stale copy (the resync's proof rules apply).
            TokenStates.Stale => c.Store.Agent is { } agent ? $"run `credwatch sync --agent {agent}`" : "run `credwatch sync`",
            _ => null,
        };
    }

    /// <summary>"agent ops" for an agent store; for the shared store, every agent that uses its copy of the profile.</summary>
    private static string AgentsOf(RegistryState state, StoreId store, string? profileId = null) =>
        store.Agent is { } agent ? "agent " + agent : "shared store, used by agents " + string.Join(", ", InheritingAgents(state, profileId));

    private static SortedSet<string> InheritingAgents(RegistryState state, string? profileId) =>
        new(state.Stores.Values.Select(e => e.Snapshot)
            .Where(s => s.Id.Store == StoreLabels.OpenClaw && s.Id.Agent is not null && (profileId is null || !s.Profiles.Any(p => p.ProfileId == profileId)))
            .Select(s => s.Id.Agent!).Prepend("main"), StringComparer.Ordinal);
}
