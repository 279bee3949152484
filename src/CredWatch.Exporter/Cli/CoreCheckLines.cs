using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Cli;

/// <summary>The core's check lines: one per store problem and one per credential.</summary>
internal static class CoreCheckLines
{
    public static IReadOnlyList<CheckLine> For(RegistryState state, DateTimeOffset now, TimeSpan warningWindow)
    {
        var lines = new List<CheckLine>();
        foreach (var e in state.Stores.Values.OrderBy(e => e.Snapshot.Id.ToString(), StringComparer.Ordinal))
        {
            var s = e.Snapshot;
            if (s.Error is { } err)
            {
                // A store that simply is not there (no Codex on this host) is information, not a failure.
                var severity = err.Reason == StoreErrorReasons.NotFound ? CheckSeverity.Ok : CheckSeverity.Critical;
                lines.Add(new CheckLine(severity, "store", s.Id.ToString(), $"{err.Reason}: {err.Detail}"));
            }
            else
            {
                lines.Add(new CheckLine(CheckSeverity.Ok, "store", s.Id.ToString(), $"{s.Layout}, {s.Profiles.Count} credential(s)"));
            }
        }

        foreach (var c in state.Comparisons)
        {
            var subject = c.Store + " " + c.DisplayId;
            var severity = TokenStates.IsCritical(c.State) ? CheckSeverity.Critical
                : c.State == TokenStates.Ahead ? CheckSeverity.Warning
                : c.LoginExpiresAt is { } end && end - now <= warningWindow ? CheckSeverity.Warning
                : CheckSeverity.Ok;
            var expiry = c.LoginExpiresAt is { } le ? $" (login ends {le:u})" : c.AccessExpiresAt is { } ae ? $" (access token until {ae:u})" : string.Empty;
            lines.Add(new CheckLine(severity, "token", subject, $"{c.State}: {c.Detail}{expiry}"));
        }

        if (!state.Stores.Values.Any(e => e.Snapshot.Up))
        {
            lines.Add(new CheckLine(CheckSeverity.Unknown, "store", "all", "no credential store found (see --home, CLAUDE_CONFIG_DIR, CODEX_HOME, OPENCLAW_STATE_DIR)"));
        }

        return lines;
    }
}
