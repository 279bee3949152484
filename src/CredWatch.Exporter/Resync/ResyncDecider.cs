namespace CredWatch.Exporter.Resync;

/// <summary>
/// The decision rules, as a pure function of core's record: repair only a stale copy proven to be the
/// same login, from a live source, never a fence, never <c>ahead</c> or <c>unrelated</c>.
/// </summary>
internal static class ResyncDecider
{
    public const string ClaudeCliImportProfile = "anthropic:claude-cli";
    public const string MiniMaxCliImportProfile = "minimax-portal:minimax-cli";

    public static ResyncDecision Decide(ResyncCandidate c, DateTimeOffset now, ResyncOptions options)
    {
        switch (c.Relation)
        {
            case CopyRelation.InSync:
                return ResyncDecision.Refuse(ResyncReasons.NotStale, "copy already in sync");
            case CopyRelation.Ahead:
                return ResyncDecision.Refuse(ResyncReasons.Ahead, "copy is newer than the source");
            case CopyRelation.Unrelated:
                return ResyncDecision.Refuse(ResyncReasons.Unrelated, "copy is a different login");
            case CopyRelation.Fenced:
                return ResyncDecision.Refuse(ResyncReasons.Fenced, "a refresh fence is not a token");
            case CopyRelation.Passthrough:
                return ResyncDecision.Refuse(ResyncReasons.Passthrough, "OpenClaw overlays the CLI store; the stored copy is unused");
            case CopyRelation.Unknown:
                return ResyncDecision.Refuse(ResyncReasons.NotStale, "copy not classified");
            case CopyRelation.Stale:
            default:
                break;
        }

        var s = c.Source;
        if (s.IsBlanked || string.IsNullOrEmpty(s.RefreshFingerprint) || string.IsNullOrEmpty(s.AccessFingerprint))
        {
            return ResyncDecision.Refuse(ResyncReasons.SourceBlanked, $"source {s.Store} holds no tokens");
        }

        if (s.ExpiresAtMs is not { } exp || exp <= now.ToUnixTimeMilliseconds())
        {
            return ResyncDecision.Refuse(ResyncReasons.SourceExpired, $"source {s.Store} access token expired");
        }

        if (!string.Equals(c.Copy.ProfileType, "oauth", StringComparison.Ordinal))
        {
            return ResyncDecision.Refuse(ResyncReasons.NotOAuth, "only oauth profiles carry a refreshable login");
        }

        if (string.Equals(c.Copy.RefreshFingerprint, s.RefreshFingerprint, StringComparison.Ordinal))
        {
            return ResyncDecision.Refuse(ResyncReasons.NotStale, "copy already holds the source's refresh token");
        }

        var proof = Prove(c, options);
        if (proof == ResyncProof.None)
        {
            return ResyncDecision.Refuse(ResyncReasons.Unproven, "same login not proven (no import profile, lineage, account match or mapping)");
        }

        switch (c.Layout)
        {
            case TargetLayout.AuthProfilesJson:
                break;
            case TargetLayout.AgentSqlite when options.AllowSqliteWrite:
                break;
            case TargetLayout.AgentSqlite:
            case TargetLayout.SharedSqlite:
                return ResyncDecision.Refuse(ResyncReasons.SqliteGatewayOwned, "the gateway is the only writer of the SQLite store");
            case TargetLayout.CliStore:
                // Only newest-wins ever targets a CLI store, and only with explicit opt-in; the writer for
                // CLI stores is not built yet, so even then it is reported, never half-done.
                return ResyncDecision.Refuse(
                    options.Mode == ResyncMode.NewestWins && options.NewestWinsToCliStores ? ResyncReasons.UnsupportedLayout : ResyncReasons.CliTargetDisabled,
                    "CLI stores are written by their CLI");
            case TargetLayout.Unknown:
            default:
                return ResyncDecision.Refuse(ResyncReasons.UnsupportedLayout, "store layout not writable");
        }

        return new ResyncDecision(true, null, proof, $"stale copy of {s.Store}, proven by {proof}");
    }

    public static ResyncProof Prove(ResyncCandidate c, ResyncOptions options)
    {
        if (c.Source.Store == "claude-cli"
            && (string.Equals(c.ProfileId, ClaudeCliImportProfile, StringComparison.Ordinal)
                || string.Equals(c.Copy.StoredProvider, "claude-cli", StringComparison.Ordinal)))
        {
            return ResyncProof.CliImportProfile;
        }

        // OpenClaw's external CLI sync copies the MiniMax CLI login into this one profile id.
        if (c.Source.Store == "minimax-cli" && string.Equals(c.ProfileId, MiniMaxCliImportProfile, StringComparison.Ordinal))
        {
            return ResyncProof.CliImportProfile;
        }

        // Codex mirrors: openai-codex:* and the openai:* aliases (provider openai, oauth) both belong to the
        // Codex CLI source; only OpenClaw's own codex-cli mirror (managedBy) is an import by construction.
        if (c.Source.Store == "codex-cli"
            && string.Equals(c.Copy.ManagedBy, "codex-cli", StringComparison.Ordinal)
            && (c.Provider is "openai-codex" or "openai"
                || c.ProfileId.StartsWith("openai-codex:", StringComparison.Ordinal)
                || c.ProfileId.StartsWith("openai:", StringComparison.Ordinal)))
        {
            return ResyncProof.CliImportProfile;
        }

        if (c.Copy.RefreshFingerprint is { Length: > 0 } rf && c.Source.PriorRefreshFingerprints.Contains(rf))
        {
            return ResyncProof.PriorSourceRefresh;
        }

        if ((c.Copy.AccountKey is { Length: > 0 } a && a == c.Source.AccountKey)
            || (c.Copy.EmailKey is { Length: > 0 } e && e == c.Source.EmailKey))
        {
            return ResyncProof.AccountMatch;
        }

        if (c.OperatorMapped || options.Mappings.Any(m =>
                string.Equals(m.Agent, c.AgentId, StringComparison.Ordinal)
                && string.Equals(m.Profile, c.ProfileId, StringComparison.Ordinal)
                && string.Equals(m.Source, c.Source.Store, StringComparison.Ordinal)))
        {
            return ResyncProof.OperatorMapping;
        }

        return c.SameLineage && options.Mode == ResyncMode.NewestWins ? ResyncProof.Lineage : ResyncProof.None;
    }
}
