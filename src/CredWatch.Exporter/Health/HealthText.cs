using System.Globalization;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Health;

/// <summary>Human sentences for check, status, logs and alerts (masked ids only; repair commands per release).</summary>
internal static class HealthText
{
    /// <summary>"anthropic cooling down until 14:05 UTC after auth failures, openai-codex disabled (auth_permanent)".</summary>
    public static string Summary(AgentHealth agent, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (agent.Providers.Count == 0)
        {
            return "no stored auth profiles";
        }

        return string.Join(", ", agent.Providers.Where(p => p.UsableProfiles == 0).Select(p => ProviderSummary(p, now)));
    }

    /// <summary>Why one provider has nothing usable.</summary>
    public static string ProviderSummary(ProviderHealth provider, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var parts = new List<string>();
        var reasons = provider.Profiles.SelectMany(p => p.Reasons).Distinct(StringComparer.Ordinal).ToList();
        if (reasons.Contains(UnusableReasons.Cooldown))
        {
            var until = provider.Profiles.Where(p => p.Reasons.Contains(UnusableReasons.Cooldown) && p.UsableAgainAt is not null).Select(p => p.UsableAgainAt).Min();
            var failures = provider.Profiles.SelectMany(p => p.FailureCounts).GroupBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(g => (Reason: g.Key, Count: g.Sum(kv => kv.Value))).Where(x => x.Count > 0)
                .OrderByDescending(x => x.Count).ThenBy(x => x.Reason, StringComparer.Ordinal).Select(x => x.Reason).FirstOrDefault();
            parts.Add("cooling down" + (until is { } u ? " until " + Time(u, now) : string.Empty) + (failures is null ? string.Empty : $" after {failures} failures"));
        }

        if (reasons.Contains(UnusableReasons.Blocked))
        {
            var until = provider.Profiles.Where(p => p.Reasons.Contains(UnusableReasons.Blocked) && p.UsableAgainAt is not null).Select(p => p.UsableAgainAt).Min();
            parts.Add("blocked by a usage limit" + (until is { } u ? " until " + Time(u, now) : string.Empty));
        }

        if (reasons.Contains(UnusableReasons.Disabled))
        {
            var why = provider.Profiles.Select(p => p.DisabledReason).FirstOrDefault(r => r is not null);
            parts.Add($"disabled ({why ?? "unknown"})");
        }

        foreach (var r in reasons.Where(r => !UnusableReasons.IsTransient(r)))
        {
            parts.Add(r switch
            {
                UnusableReasons.Expired => "login expired",
                UnusableReasons.Stale => "stale copy (its refresh will fail)",
                UnusableReasons.ReloginRequired => "refresh failed for good (re-login needed)",
                UnusableReasons.Blanked => "tokens blanked",
                UnusableReasons.RefreshStuck => "refresh stuck",
                UnusableReasons.MigrationRequired => "store needs migration",
                _ => r.Replace('_', ' '),
            });
        }

        return provider.Provider + " " + string.Join(" and ", parts);
    }

    /// <summary>What the operator should run; null when only time heals it (cooldowns, disables).</summary>
    public static string? Repair(AgentHealth agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var commands = agent.Providers.Where(p => p.UsableProfiles == 0)
            .Select(p => p.Profiles.FirstOrDefault(x => x.Reasons.Any(r => !UnusableReasons.IsTransient(r))))
            .Select(broken => broken is null ? null : RepairFor(broken)).OfType<string>().Distinct().ToList();

        return commands.Count == 0 ? null : "run " + string.Join("; ", commands);
    }

    /// <summary>The repair command for one broken profile, for the OpenClaw release its layout implies.</summary>
    public static string? RepairFor(EffectiveProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Reasons.Contains(UnusableReasons.MigrationRequired))
        {
            return "`openclaw doctor --fix`";
        }

        // Current releases (SQLite / shared store) overlay or import logins themselves: re-login through OpenClaw.
        var current = profile.HolderLayout == StoreLayout.OpenClawAgentSqlite || profile.Holder.Store == StoreLabels.OpenClawShared;
        if (current)
        {
            // An id holding an e-mail is masked everywhere CredWatch writes; without the raw id OpenClaw picks the profile itself.
            var id = profile.DisplayId == profile.ProfileId && !profile.ProfileId.Contains('\'', StringComparison.Ordinal)
                ? $" --profile-id '{profile.ProfileId}'" : string.Empty;
            return $"`openclaw models auth login --provider {profile.StoredProvider}{id}`";
        }

        return profile.Provider switch
        {
            "anthropic" => "`claude /login` then `credwatch sync`",
            "openai-codex" or "openai" => "`codex login` then `credwatch sync`",
            _ => $"`openclaw models auth login --provider {profile.StoredProvider}`",
        };
    }

    /// <summary>Alert text: "agent X has no usable model auth — … ; run …".</summary>
    public static string NoUsableAuth(AgentHealth agent, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var text = $"agent {agent.Agent} has no usable model auth — {Summary(agent, now)}";
        return Repair(agent) is { } repair ? text + "; " + repair : text;
    }

    /// <summary>Resolved text.</summary>
    public static string Recovered(AgentHealth agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var usable = agent.Providers.Where(p => p.UsableProfiles > 0).Select(p => p.Provider).ToList();
        return usable.Count == 0
            ? $"agent {agent.Agent}: no longer reported as without usable model auth"
            : $"agent {agent.Agent} has usable model auth again ({string.Join(", ", usable)})";
    }

    /// <summary>"14:05 UTC" on the same UTC day as <paramref name="now"/>, else "2026-11-26 14:05 UTC".</summary>
    public static string Time(DateTimeOffset t, DateTimeOffset? now = null)
    {
        var u = t.ToUniversalTime();
        return now is { } n && n.UtcDateTime.Date == u.UtcDateTime.Date
            ? u.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC"
            : u.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
    }
}
