using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Resync;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>The core's real scan of a temp home → resync candidates (relation, layout, proof).</summary>
public sealed class ResyncCandidateMapperTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private async Task<(IReadOnlyList<ResyncCandidate> Candidates, IServiceProvider Services)> ScanAsync(Dictionary<string, string?>? extra = null)
    {
        var overrides = new Dictionary<string, string?> { ["CredWatch:Home"] = _home.Home, ["CredWatch:StateDir"] = _home.StateDir };
        foreach (var (k, v) in extra ?? [])
        {
            overrides[k] = v;
        }

        var builder = CredWatchHost.CreateBuilder(null, overrides, LogLevel.Warning);
        builder.Services.Replace(ServiceDescriptor.Singleton(_home.Environment()));
        var services = builder.Build().Services;
        var state = await services.GetRequiredService<StoreMonitor>().ScanOnceAsync(default);
        return (services.GetRequiredService<ResyncRunner>().Candidates(state), services);
    }

    [Fact]
    public async Task Fixture_home_maps_hr_bp_stale_with_the_import_proof_and_main_in_sync()
    {
        var (candidates, _) = await ScanAsync();

        var hr = candidates.Single(c => c.AgentId == "hr-bp");
        hr.Relation.Should().Be(CopyRelation.Stale);
        hr.Layout.Should().Be(CredWatch.Exporter.Resync.TargetLayout.AuthProfilesJson);
        hr.StorePath.Should().Be(Path.Combine(_home.AgentDir("hr-bp"), "auth-profiles.json"));
        hr.Source.Store.Should().Be("claude-cli");
        hr.Source.SourceId.Should().Be(_home.ClaudeCredentials);
        ResyncDecider.Prove(hr, new ResyncOptions()).Should().Be(CredWatch.Exporter.Resync.ResyncProof.CliImportProfile);
        candidates.Single(c => c.AgentId == "main").Relation.Should().Be(CopyRelation.InSync);
        candidates.Should().NotContain(c => c.ProfileId == "openrouter:default", "api keys are not OAuth copies");
    }

    [Fact]
    public async Task A_copy_holding_a_token_the_source_held_before_is_proven_by_history()
    {
        // First scan: the agent "ops" holds the CLI's current token (in sync) → remembered as a source token.
        _home.Write(".openclaw/agents/ops/agent/auth-profiles.json",
            Tokens.OAuthProfile("anthropic:work", "anthropic", Tokens.NewAccess, Tokens.NewRefresh, 4_102_444_800_000));
        await ScanAsync();
        // The CLI rotates; ops keeps the old one and is not an import profile nor carries account data.
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.Access("ROTATED-map"), Tokens.Refresh("ROTATED-map"), 4_102_444_900_000));

        var (candidates, _) = await ScanAsync();

        var ops = candidates.Single(c => c.AgentId == "ops");
        ops.Relation.Should().Be(CopyRelation.Stale);
        ResyncDecider.Prove(ops, new ResyncOptions()).Should().Be(CredWatch.Exporter.Resync.ResyncProof.PriorSourceRefresh);
    }

    [Fact]
    public async Task An_unproven_copy_is_unrelated_and_an_operator_mapping_proves_it()
    {
        _home.Write(".openclaw/agents/ops/agent/auth-profiles.json",
            Tokens.OAuthProfile("anthropic:work", "anthropic", Tokens.OldAccess, Tokens.OldRefresh, 4_000_000_000_000));

        var (plain, _) = await ScanAsync();
        var unmapped = plain.Single(c => c.AgentId == "ops");
        unmapped.Relation.Should().Be(CopyRelation.Unrelated, "core found no evidence");
        ResyncDecider.Decide(unmapped, DateTimeOffset.UtcNow, new ResyncOptions()).Reason.Should().Be(ResyncReasons.Unrelated);

        var (mapped, _) = await ScanAsync(new()
        {
            ["CredWatch:Resync:Mappings:0:Agent"] = "ops",
            ["CredWatch:Resync:Mappings:0:Profile"] = "anthropic:work",
            ["CredWatch:Resync:Mappings:0:Source"] = "claude-cli",
        });
        var ops = mapped.Single(c => c.AgentId == "ops");
        ops.Relation.Should().Be(CopyRelation.Stale, "mapped, and its tokens expire before the source's");
        ops.OperatorMapped.Should().BeTrue();
        ResyncDecider.Decide(ops, DateTimeOffset.UtcNow, new ResyncOptions()).Proof.Should().Be(CredWatch.Exporter.Resync.ResyncProof.OperatorMapping);
    }
}
