using System.Globalization;
using CredWatch.Alerts;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using CredWatch.Alerts.Model;
using CredWatch.Exporter.Reporting;

namespace CredWatch.Exporter.AlertMapping;

/// <summary>
/// Maps one registry state to the full set of store conditions (source <see cref="Source"/>). Pure: the
/// same state and clock give the same set, so re-publishing is a no-op in the alert book. Texts name the
/// agent, the display profile id and the command to run; never a token or an e-mail.
/// </summary>
internal static class StoreAlertMapper
{
    public const string Source = "stores";

    /// <summary>Kinds this mapper emits beyond <see cref="AlertKinds"/> (snake_case, bounded).</summary>
    public const string RefreshStuck = "refresh_stuck";

    /// <summary>A copy that differs from its source (ahead of it, or claiming to be a copy with no known lineage): CredWatchFingerprintMismatch.</summary>
    public const string FingerprintMismatch = "fingerprint_mismatch";

    /// <summary>A re-sign-in a migration archived instead of importing: CredWatchIgnoredSignIn.</summary>
    public const string IgnoredSignIn = "ignored_sign_in";

    /// <param name="state">The registry state.</param>
    /// <param name="now">The clock.</param>
    /// <param name="warningWindow">How long before a login ends it is worth a warning.</param>
    /// <param name="confirmScans">
    /// Consecutive failed scans before an unreadable store alerts: a store caught mid-creation or mid-write (no tables
    /// yet, a torn read, a busy lock) heals by the next scan; the metrics show it at once, the alert waits.
    /// </param>
    public static IReadOnlyList<AlertCondition> Map(RegistryState state, DateTimeOffset now, TimeSpan warningWindow, int confirmScans = 1)
    {
        var list = new List<AlertCondition>();
        foreach (var entry in state.Stores.Values)
        {
            var s = entry.Snapshot;
            if (s.Error is not { } err || s.Absent || entry.FailedScans < confirmScans)
            {
                continue;
            }

            var text = err.Reason == StoreErrorReasons.NotFound
                ? $"The credential store {s.Id} is missing ({err.Detail}), yet {MissingMatters(s, entry)}.\nFile: {s.Path}\n" +
                  (s.Id.Store is StoreLabels.ClaudeCli or StoreLabels.CodexCli ? $"Fix: log in again with the CLI ({RepairCommands.CliLogin(s.Id.Store)}), or point CredWatch at its store." : "Fix: restore it, or correct CredWatch's configured path.")
                : $"CredWatch cannot read the credential store {s.Id} ({err.Reason}): {err.Detail}\nFile: {s.Path}\nNothing was changed; CredWatch retries on every change and rescan.";
            list.Add(new AlertCondition($"{AlertKinds.StoreUnreadable}/{s.Id}", AlertKinds.StoreUnreadable, AlertSeverity.Critical, text)
            {
                ResolvedText = $"resolved: the credential store {s.Id} is readable again",
            });
        }

        foreach (var s in state.Stores.Values.Select(e => e.Snapshot).Where(s => s.Up))
        {
            foreach (var ignored in s.IgnoredResignIns)
            {
                list.Add(new AlertCondition($"{IgnoredSignIn}/{s.Id}/{ignored.DisplayId}", IgnoredSignIn, AlertSeverity.Warning,
                    $"Ignored sign-in: {s.Id} profile {ignored.DisplayId} — a login valid until {Clock(ignored.ArchivedExpiresAt)} was archived by OpenClaw's import and never used (the database keeps its older profile).\n" +
                    $"Fix: {RepairCommands.Login(s.Id.Agent, ignored.Provider, ignored.DisplayId, null)}")
                {
                    ResolvedText = $"resolved: {s.Id} profile {ignored.DisplayId} no longer has an ignored sign-in",
                });
            }
        }

        foreach (var c in state.Comparisons)
        {
            if (For(c, state, now, warningWindow) is { } condition)
            {
                list.Add(condition);
            }
        }

        return list;
    }

    private static AlertCondition? For(ComparisonResult c, RegistryState state, DateTimeOffset now, TimeSpan warningWindow)
    {
        var who = Who(c) + (state.Stores.TryGetValue(c.Store, out var holder) && holder.Snapshot.AccountDisplay is { } account ? $", account {account}" : string.Empty);
        var layout = state.Stores.TryGetValue(c.Store, out var e) ? e.Snapshot.Layout : StoreLayout.Unknown;
        var isCli = StoreLabels.IsCliSource(c.Store.Store);
        var login = isCli ? RepairCommands.CliLogin(c.Store.Store) : RepairCommands.Login(c.Store.Agent, c.Provider, c.DisplayId, c.Source?.Store);
        var maskNote = RepairCommands.MasksEmail(c.DisplayId) ? "\n(acct-… stands for the account's e-mail address in the real profile id.)" : string.Empty;
        var key = $"{c.Store}/{c.Provider}/{c.DisplayId}";
        // The clock may pass the end of a login between two scans: the tick catches it.
        var state2 = c.LoginExpiresAt is { } ended && ended <= now && !TokenStates.IsCritical(c.State) && c.State != TokenStates.Passthrough
            ? TokenStates.Expired : c.State;
        switch (state2)
        {
            case TokenStates.Passthrough:
                // OpenClaw owns these end to end: never alert.
                return null;
            case TokenStates.Ahead when c.Source?.Store == StoreLabels.MiniMaxCli:
                // OpenClaw refreshed its own copy (a JSON-era profile it still owns) and so rotated the CLI's refresh token away.
                return new AlertCondition($"{AlertKinds.StaleCopy}/{c.Source}/{key}", AlertKinds.StaleCopy, AlertSeverity.Critical,
                    $"Stale copy: the MiniMax CLI's login (~/.minimax/oauth_creds.json) was superseded by {who}, which refreshed it last. " +
                    $"The MiniMax CLI's next refresh will fail.\nFix: {RepairCommands.MiniMaxCliLogin}; OpenClaw then re-imports it when its own copy expires.{maskNote}")
                {
                    ResolvedText = $"resolved: the MiniMax CLI and {who} agree again",
                };
            case TokenStates.Stale when c.Source?.Store == StoreLabels.MiniMaxCli && ExternallyOwned(state, c):
                // 2026.9.6 never refreshes an external-cli copy: once it is unusable OpenClaw re-imports the CLI's login.
                return new AlertCondition($"{AlertKinds.StaleCopy}/{key}", AlertKinds.StaleCopy, AlertSeverity.Warning,
                    $"Stale copy: {who} holds an older MiniMax CLI login than ~/.minimax/oauth_creds.json. OpenClaw does not refresh this copy; " +
                    $"it re-imports the CLI's current login once the copy expires{(c.AccessExpiresAt is { } until ? " at " + Clock(until) : string.Empty)}.\n" +
                    $"To switch now: {RepairCommands.MiniMaxOpenClawLogin}{maskNote}")
                {
                    ResolvedText = $"resolved: {who} is in sync again",
                };
            case TokenStates.Stale:
                var fix = RepairCommands.CredWatchWrites(layout) ? RepairCommands.Sync
                    : c.Source?.Store == StoreLabels.MiniMaxCli ? $"{RepairCommands.MiniMaxOpenClawLogin} (OpenClaw re-imports the MiniMax CLI's login only once its own copy is unusable)"
                    : login;
                var bites = c.AccessExpiresAt is { } at && at > now
                    ? $"It still works until its access token expires at {Clock(at)}; then its refresh fails."
                    : "Its next refresh will fail.";
                return new AlertCondition($"{AlertKinds.StaleCopy}/{key}", AlertKinds.StaleCopy, AlertSeverity.Critical,
                    $"Stale copy: {who} holds an older login than {c.Source?.ToString() ?? "its source"}. {bites}\nFix now: {fix}{maskNote}")
                {
                    ResolvedText = $"resolved: {who} is in sync again",
                };
            case TokenStates.Expired:
            case TokenStates.Blanked:
                var what = state2 == TokenStates.Blanked ? "its tokens were blanked by a failed refresh" : "its login expired" + (c.LoginExpiresAt is { } le ? $" at {Clock(le)}" : string.Empty);
                return new AlertCondition($"{AlertKinds.TokenExpired}/{key}", AlertKinds.TokenExpired, AlertSeverity.Critical,
                    $"Login dead: {who} — {what}. Requests with it fail.\nFix: {login}{maskNote}")
                {
                    ResolvedText = $"resolved: {who} has a working login again",
                };
            case TokenStates.ReloginRequired:
                return new AlertCondition($"{AlertKinds.ReloginRequired}/{key}", AlertKinds.ReloginRequired, AlertSeverity.Critical,
                    $"Re-login required: {who}. Its token refresh failed and OpenClaw fenced the login (a failed refresh marker). " +
                    "It will NOT recover by itself, whatever OpenClaw's \"try again in a moment\" says.\n" +
                    $"Fix: {login}{maskNote}")
                {
                    ResolvedText = $"resolved: {who} is logged in again",
                };
            case TokenStates.RefreshStuck:
                return new AlertCondition($"{RefreshStuck}/{key}", RefreshStuck, AlertSeverity.Warning,
                    $"Refresh stuck: {who} has had a token refresh in flight for too long (its owner probably died). " +
                    $"OpenClaw waits on it.\nIf it does not clear, log in again: {login}{maskNote}")
                {
                    ResolvedText = $"resolved: the refresh of {who} finished",
                };
            case TokenStates.MigrationRequired:
                return new AlertCondition($"{AlertKinds.MigrationRequired}/{key}", AlertKinds.MigrationRequired, AlertSeverity.Critical,
                    $"Migration required: {who} is stored in a layout this OpenClaw no longer reads.\nFix: {RepairCommands.DoctorFix}")
                {
                    ResolvedText = $"resolved: {who} was migrated",
                };
        }

        // The same condition as CredWatchFingerprintMismatch: a copy that is not its source's login (newer than the
        // source, or a claimed copy with no lineage). An own login is never compared, so never here.
        if (c.FingerprintMismatch == true && state2 is TokenStates.Ahead or TokenStates.Unrelated)
        {
            return new AlertCondition($"{FingerprintMismatch}/{key}", FingerprintMismatch, AlertSeverity.Warning,
                $"Copy differs from its source: {who} — {c.Detail}.\nRun `credwatch check` to see which side is newer; `{RepairCommands.Sync}` makes the copy match the source, or {login}{maskNote}")
            {
                ResolvedText = $"resolved: {who} matches its source again",
            };
        }

        // Healthy (or merely different) credentials: warn before the login itself ends.
        if (c.LoginExpiresAt is { } end && end > now && end - now <= warningWindow)
        {
            return new AlertCondition($"{AlertKinds.TokenExpiring}/{key}", AlertKinds.TokenExpiring, AlertSeverity.Warning,
                $"Login expiring: {who} ends at {Clock(end)} (warning window {warningWindow.TotalMinutes:0} min).\nLog in again before then: {login}{maskNote}")
            {
                ResolvedText = $"resolved: {who} no longer expires soon",
            };
        }

        return null;
    }

    private static string MissingMatters(StoreSnapshot s, StoreEntry entry) =>
        s.Explicit ? "CredWatch's configuration names it"
        : entry.EverPresent ? "it was there before: it vanished"
        : "OpenClaw holds copies of its login, which nothing can refresh without it";

    private static bool ExternallyOwned(RegistryState state, ComparisonResult c) =>
        state.Stores.TryGetValue(c.Store, out var e) && e.Snapshot.Profiles.FirstOrDefault(p => p.ProfileId == c.ProfileId) is { ExternallyOwned: true };

    private static string Who(ComparisonResult c) =>
        c.Store.Agent is { } agent ? $"agent {agent}, profile {c.DisplayId} ({c.Provider}, {c.Store.Store})" : $"{c.Store} profile {c.DisplayId} ({c.Provider})";

    internal static string Clock(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
