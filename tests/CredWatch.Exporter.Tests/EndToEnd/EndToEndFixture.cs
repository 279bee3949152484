using CredWatch.Exporter.Tests.RealOpenClaw;
using CredWatch.TestSupport.Anthropic;
using CredWatch.TestSupport.OpenClaw;

namespace CredWatch.Exporter.Tests.EndToEnd;

/// <summary>
/// The expensive part shared by the end-to-end class: both scratch homes, migrated by the real doctor at the same
/// time (6–16 s each idle; the two runs overlap on I/O and node start-up).
/// </summary>
public sealed class EndToEndFixture : IAsyncLifetime
{
    private GatewayScenario? _deadLogin;
    private GatewayScenario? _seed;

    /// <summary>Issue 10: main's only login expired before doctor ran → doctor's offline refresh left a failed fence.</summary>
    internal GatewayScenario DeadLogin => _deadLogin ?? throw new InvalidOperationException(OpenClawInstall.MissingReason);

    /// <summary>Issue 11: a fresh login, expired by the fake Anthropic server while the spawned child works.</summary>
    internal GatewayScenario Seed => _seed ?? throw new InvalidOperationException(OpenClawInstall.MissingReason);

    internal SeedConversation SeedConversation { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!OpenClawInstall.IsAvailable)
        {
            return; // every test of the class fails (or skips when allowed) by [RealOpenClawFact]
        }

        _deadLogin = await GatewayScenario.CreateAsync("e2e-dead", [Fakes.Expired("anthropic:default", Fakes.InHours(-2))]);
        _seed = await GatewayScenario.CreateAsync("e2e-seed", [Fakes.Fresh("anthropic:default", Fakes.InHours(6))], home =>
        {
            SeedConversation = new SeedConversation(_ =>
            {
                OpenClawStateDatabase.SetSharedProfileExpiry(home, "anthropic:default", DateTimeOffset.UtcNow.AddMinutes(-1));
                return Task.CompletedTask;
            });
            return SeedConversation.Script;
        });
        await Task.WhenAll(_deadLogin.MigrateAsync(), _seed.MigrateAsync());
    }

    public async Task DisposeAsync()
    {
        if (_deadLogin is not null)
        {
            await _deadLogin.DisposeAsync();
        }

        if (_seed is not null)
        {
            await _seed.DisposeAsync();
        }
    }
}
