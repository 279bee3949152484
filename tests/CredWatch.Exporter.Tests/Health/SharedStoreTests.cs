using System.Text.Json;
using CredWatch.Exporter.Health;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using static CredWatch.Exporter.Tests.Health.HealthHarness;

namespace CredWatch.Exporter.Tests.Health;

/// <summary>
/// The shared store (2026.8+, issue 10) is not discovered by the core yet, so these snapshots are built by hand:
/// the evaluator must inherit from it, not from main, as soon as the registry carries one.
/// </summary>
public sealed class SharedStoreTests
{
    private static readonly StoreId Shared = new(StoreLabels.OpenClawShared, null);
    private static readonly StoreId Main = new(StoreLabels.OpenClaw, "main");
    private static readonly StoreId Ops = new(StoreLabels.OpenClaw, "ops");

    private static ProfileSnapshot OAuth(string id) => new(id, id, "anthropic", "anthropic", ProfileType.OAuth,
        T0 + TimeSpan.FromHours(5), null, null, null, FenceState.None, false, null, null, null);

    private static StoreSnapshot Snap(StoreId id, IReadOnlyList<ProfileSnapshot> profiles, UsageState usage, StoreError? error = null) =>
        new(id, "/x/" + id, StoreLayout.OpenClawAgentSqlite, error, 23, error is null ? profiles : [], usage, null, T0, T0, Guid.NewGuid().ToString());

    private static UsageState Cooling(string id) => new(
        new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, string>(),
        new Dictionary<string, ProfileUsage>
        {
            [id] = new(null, 2, new Dictionary<string, long> { ["auth"] = 2 }, T0 + TimeSpan.FromMinutes(15), null, null, null, JsonDocument.Parse("{}").RootElement.Clone()),
        },
        T0);

    private static RegistryState State(params StoreSnapshot[] snaps) => RegistryState.Empty with
    {
        Stores = snaps.ToDictionary(s => s.Id, s => new StoreEntry(s, T0, new Dictionary<string, long>())),
        Generation = 1,
        Ready = true,
    };

    [Fact]
    public void Agents_inherit_the_shared_store_and_its_usage_state()
    {
        var state = State(
            Snap(Shared, [OAuth("anthropic:default")], Cooling("anthropic:default")),
            Snap(Main, [], UsageState.Empty),
            Snap(Ops, [], UsageState.Empty, new StoreError(StoreErrorReasons.NotFound, "no store")));

        var report = ProfileHealthEvaluator.Evaluate(state, T0);
        report.Agents.Should().HaveCount(2).And.OnlyContain(a => a.BaseStore == Shared && a.NoUsableAuth);
        report.Agents.SelectMany(a => a.Providers).SelectMany(p => p.Profiles).Should().OnlyContain(p => p.Inherited && p.Holder == Shared);
        report.Stored.Should().ContainSingle(s => s.Store == Shared);

        ProfileHealthEvaluator.Evaluate(state, T0 + TimeSpan.FromMinutes(16)).Agents.Should().OnlyContain(a => a.UsableProviders == 1);
    }

    [Fact]
    public void An_agents_own_profile_shadows_the_shared_one_and_an_unreadable_shared_store_claims_nothing()
    {
        var own = Snap(Ops, [OAuth("anthropic:mine")], UsageState.Empty);
        var report = ProfileHealthEvaluator.Evaluate(State(Snap(Shared, [OAuth("anthropic:default")], Cooling("anthropic:default")), own), T0);
        var ops = report.Agents.Single();
        ops.UsableProviders.Should().Be(1, "its own anthropic:mine works while the shared profile cools down");
        ops.Providers.Single().Profiles.Should().HaveCount(2);

        var broken = ProfileHealthEvaluator.Evaluate(State(Snap(Shared, [], UsageState.Empty, new StoreError(StoreErrorReasons.CorruptDb, "bad")), own), T0);
        broken.Agents.Single().Known.Should().BeFalse();
    }
}
