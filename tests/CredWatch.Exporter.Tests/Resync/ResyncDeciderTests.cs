using CredWatch.Exporter.Resync;

namespace CredWatch.Exporter.Tests.Resync;

public sealed class ResyncDeciderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    private readonly ResyncHome _home = new();
    private readonly ResyncOptions _options = new();

    [Fact]
    public void A_stale_cli_import_profile_is_repaired_with_that_proof()
    {
        var d = ResyncDecider.Decide(_home.HrBpCandidate(), Now, _options);

        d.Repair.Should().BeTrue();
        d.Proof.Should().Be(ResyncProof.CliImportProfile);
    }

    [Theory]
    [InlineData("Ahead", ResyncReasons.Ahead)]
    [InlineData("Unrelated", ResyncReasons.Unrelated)]
    [InlineData("Fenced", ResyncReasons.Fenced)]
    [InlineData("Passthrough", ResyncReasons.Passthrough)]
    [InlineData("InSync", ResyncReasons.NotStale)]
    [InlineData("Unknown", ResyncReasons.NotStale)]
    public void Relations_other_than_stale_are_never_repaired(string relation, string reason)
    {
        var d = ResyncDecider.Decide(_home.HrBpCandidate(Enum.Parse<CopyRelation>(relation)), Now, _options);

        d.Repair.Should().BeFalse();
        d.Reason.Should().Be(reason);
    }

    [Fact]
    public void An_expired_source_is_never_copied()
    {
        var d = ResyncDecider.Decide(_home.HrBpCandidate(source: _home.ClaudeSource(expires: Now.AddSeconds(-1).ToUnixTimeMilliseconds())), Now, _options);

        d.Reason.Should().Be(ResyncReasons.SourceExpired);
    }

    [Fact]
    public void A_blanked_source_is_never_copied()
    {
        var d = ResyncDecider.Decide(_home.HrBpCandidate(source: _home.ClaudeSource(expires: 0, blanked: true)), Now, _options);

        d.Reason.Should().Be(ResyncReasons.SourceBlanked);
    }

    [Fact]
    public void Without_any_proof_a_stale_looking_profile_is_left_alone()
    {
        var c = _home.HrBpCandidate(profile: "anthropic:someone-else") with { Source = _home.ClaudeSource() with { AccountKey = "acct-other" } };

        ResyncDecider.Decide(c, Now, _options).Reason.Should().Be(ResyncReasons.Unproven);
    }

    [Fact]
    public void Each_other_proof_is_accepted()
    {
        var bare = _home.HrBpCandidate(profile: "anthropic:work") with { Source = _home.ClaudeSource() with { AccountKey = null } };

        var prior = bare with { Source = bare.Source with { PriorRefreshFingerprints = new HashSet<string> { _home.Fp(ResyncHome.OldRefresh) } } };
        ResyncDecider.Decide(prior, Now, _options).Proof.Should().Be(ResyncProof.PriorSourceRefresh);

        var account = bare with { Copy = bare.Copy with { EmailKey = "e1" }, Source = bare.Source with { EmailKey = "e1" } };
        ResyncDecider.Decide(account, Now, _options).Proof.Should().Be(ResyncProof.AccountMatch);

        var mapped = new ResyncOptions();
        mapped.Mappings.Add(new ResyncMapping { Agent = "hr-bp", Profile = "anthropic:work", Source = "claude-cli" });
        ResyncDecider.Decide(bare, Now, mapped).Proof.Should().Be(ResyncProof.OperatorMapping);
        ResyncDecider.Decide(bare with { OperatorMapped = true }, Now, _options).Proof.Should().Be(ResyncProof.OperatorMapping);

        ResyncDecider.Decide(bare with { SameLineage = true }, Now, _options).Reason.Should().Be(ResyncReasons.Unproven, "lineage counts only in newest-wins");
    }

    [Fact]
    public void Codex_import_profile_needs_managed_by_codex_cli()
    {
        var codexSource = _home.ClaudeSource() with { Store = "codex-cli", AccountKey = null };
        var c = _home.HrBpCandidate(profile: "openai-codex:default") with { Provider = "openai-codex", Source = codexSource };

        ResyncDecider.Decide(c, Now, _options).Reason.Should().Be(ResyncReasons.Unproven);
        ResyncDecider.Decide(c with { Copy = c.Copy with { ManagedBy = "codex-cli" } }, Now, _options).Proof.Should().Be(ResyncProof.CliImportProfile);
    }

    [Theory]
    [InlineData("openai:default", "openai")]
    [InlineData("openai-codex:work", "openai-codex")]
    public void Codex_mirrors_under_openai_aliases_belong_to_the_codex_source(string profile, string provider)
    {
        var codexSource = _home.ClaudeSource() with { Store = "codex-cli", AccountKey = null };
        var c = _home.HrBpCandidate(profile: profile) with { Provider = provider, Source = codexSource };
        var mirror = c with { Copy = c.Copy with { ManagedBy = "codex-cli" } };

        ResyncDecider.Decide(mirror, Now, _options).Proof.Should().Be(ResyncProof.CliImportProfile);
        ResyncDecider.Decide(c, Now, _options).Reason.Should().Be(ResyncReasons.Unproven, "without managedBy it is only an alias, not an import");
        ResyncDecider.Decide(mirror with { Source = _home.ClaudeSource() with { AccountKey = null } }, Now, _options).Reason
            .Should().Be(ResyncReasons.Unproven, "a codex-cli mirror is never proof against the Claude source");
    }

    [Fact]
    public void A_profile_stored_with_provider_claude_cli_is_a_Claude_CLI_import()
    {
        var c = _home.HrBpCandidate(profile: "anthropic:imported") with { Source = _home.ClaudeSource() with { AccountKey = null } };

        ResyncDecider.Decide(c, Now, _options).Reason.Should().Be(ResyncReasons.Unproven);
        ResyncDecider.Decide(c with { Copy = c.Copy with { StoredProvider = "claude-cli" } }, Now, _options).Proof.Should().Be(ResyncProof.CliImportProfile);
    }

    [Fact]
    public void SQLite_layouts_are_gateway_owned_unless_opted_in_and_the_shared_store_never_written()
    {
        var agentDb = _home.HrBpCandidate() with { Layout = TargetLayout.AgentSqlite };
        var shared = _home.HrBpCandidate() with { Layout = TargetLayout.SharedSqlite };

        ResyncDecider.Decide(agentDb, Now, _options).Reason.Should().Be(ResyncReasons.SqliteGatewayOwned);
        ResyncDecider.Decide(agentDb, Now, new ResyncOptions { AllowSqliteWrite = true }).Repair.Should().BeTrue();
        ResyncDecider.Decide(shared, Now, new ResyncOptions { AllowSqliteWrite = true }).Reason.Should().Be(ResyncReasons.SqliteGatewayOwned);
        ResyncDecider.Decide(_home.HrBpCandidate() with { Layout = TargetLayout.Unknown }, Now, _options).Reason.Should().Be(ResyncReasons.UnsupportedLayout);
    }

    [Fact]
    public void Non_oauth_profiles_are_refused()
    {
        var c = _home.HrBpCandidate() with { Copy = _home.HrBpCandidate().Copy with { ProfileType = "token" } };

        ResyncDecider.Decide(c, Now, _options).Reason.Should().Be(ResyncReasons.NotOAuth);
    }

    [Fact]
    public void Newest_wins_propagates_the_newest_agent_copy_but_not_into_CLI_stores_by_default()
    {
        var newest = Member("main", TargetLayout.AuthProfilesJson, "R-new", 2_000);
        var older = Member("hr-bp", TargetLayout.AuthProfilesJson, "R-old", 1_000);
        var cli = Member("claude-cli", TargetLayout.CliStore, "R-cli", 1_500);
        var fenced = Member("ops", TargetLayout.AuthProfilesJson, "fence", 1) with { IsFenced = true };
        var same = Member("dup", TargetLayout.AuthProfilesJson, "R-new", 2_000);
        var options = new ResyncOptions { Mode = ResyncMode.NewestWins };

        var plan = NewestWinsPlanner.Plan([older, cli, newest, fenced, same]);

        plan.Select(p => p.AgentId).Should().BeEquivalentTo(["hr-bp", "claude-cli", "ops"]);
        plan.Should().OnlyContain(p => p.Source.SourceId == newest.StorePath + "#" + newest.ProfileId && p.Source.Store == "openclaw");
        var decided = plan.ToDictionary(p => p.AgentId, p => ResyncDecider.Decide(p, DateTimeOffset.FromUnixTimeMilliseconds(10), options));
        decided["hr-bp"].Repair.Should().BeTrue();
        decided["hr-bp"].Proof.Should().Be(ResyncProof.Lineage);
        decided["claude-cli"].Reason.Should().Be(ResyncReasons.CliTargetDisabled);
        decided["ops"].Reason.Should().Be(ResyncReasons.Fenced);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(10);
        ResyncDecider.Decide(plan.Single(p => p.AgentId == "hr-bp"), now, new ResyncOptions()).Reason
            .Should().Be(ResyncReasons.Unproven, "a lineage is proof only when newest-wins is chosen");
    }

    [Fact]
    public void Newest_wins_with_only_expired_copies_refuses_as_source_expired()
    {
        var plan = NewestWinsPlanner.Plan([Member("main", TargetLayout.AuthProfilesJson, "a", 5), Member("hr-bp", TargetLayout.AuthProfilesJson, "b", 4)]);

        ResyncDecider.Decide(plan.Single(), DateTimeOffset.FromUnixTimeMilliseconds(100), new ResyncOptions { Mode = ResyncMode.NewestWins })
            .Reason.Should().Be(ResyncReasons.SourceExpired);
    }

    [Fact]
    public void Reasons_are_a_small_bounded_snake_case_set()
    {
        ResyncReasons.All.Should().OnlyHaveUniqueItems();
        ResyncReasons.All.Should().OnlyContain(r => System.Text.RegularExpressions.Regex.IsMatch(r, "^[a-z]+(_[a-z]+)*$"));
    }

    public void Dispose() => _home.Dispose();

    private static LineageMember Member(string agent, TargetLayout layout, string refreshFp, long expires) =>
        new(agent, "anthropic:claude-cli", "anthropic:claude-cli", "anthropic", layout, $"/stores/{agent}/auth-profiles.json",
            new ResyncCopy("oauth", null, refreshFp, "A-" + refreshFp, expires, null, null), IsFenced: false, IsBlanked: false);
}
