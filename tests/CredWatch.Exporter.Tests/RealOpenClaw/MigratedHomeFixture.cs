using System.Text.Json.Nodes;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using CredWatch.TestSupport.OpenClaw;
using CredWatch.Exporter.OpenClaw;

namespace CredWatch.Exporter.Tests.RealOpenClaw;

/// <summary>
/// ONE home migrated by the real OpenClaw 2026.9.6, shared by every assertion of <see cref="CredWatchOnRealOpenClawTests"/>
/// (doctor takes 6–16 s idle, far more under load): legacy main (fresh + expired OAuth + api key) and agent ops, then
/// <c>doctor --fix</c> (expired login → failed fence), then a re-sign-in written the old way and a second doctor
/// (the re-sign-in is archived and discarded). Then <c>models status --json</c> and one CredWatch scan.
/// Nothing is done when OpenClaw is not installed (the facts skip loudly).
/// </summary>
public sealed class MigratedHomeFixture : IAsyncLifetime
{
    public const string ResignAccess = "sk-ant-oat01-FIXTUREaccessRESIGN";
    public const string ResignRefresh = "sk-ant-ort01-FIXTURErefreshRESIGN";

    public OpenClawHome? Home { get; private set; }

    public List<OpenClawResult> Runs { get; } = [];

    public JsonNode? ModelsStatus { get; private set; }

    internal RegistryState? State { get; private set; }

    internal Fingerprinter Fingerprinter { get; } = Fingerprinter.CreateEphemeral();

    public async Task InitializeAsync()
    {
        if (!OpenClawInstall.IsAvailable)
        {
            return;
        }

        var home = OpenClawHome.Create("issue10");
        Home = home;
        home.PatchConfig(("agents.list", new JsonArray(new JsonObject { ["id"] = "main", ["default"] = true }, new JsonObject { ["id"] = "ops" })));
        home.WriteLegacyAuthProfiles("main", [Fakes.Fresh("anthropic:default", Fakes.InHours(6)), Fakes.Expired("anthropic:old", Fakes.InHours(-1)), LegacyProfile.ApiKey("openrouter:default", "openrouter", Fakes.ApiKey)]);
        home.WriteLegacyAuthProfiles("ops", [LegacyProfile.OAuth("anthropic:ops", "anthropic", "sk-ant-oat01-FIXTUREaccessOPS0000", "sk-ant-ort01-FIXTURErefreshOPS0000", Fakes.InHours(6))]);
        Runs.Add((await OpenClawRunner.DoctorFixAsync(home)).EnsureSuccess());

        home.WriteLegacyAuthProfiles("main", [LegacyProfile.OAuth("anthropic:old", "anthropic", ResignAccess, ResignRefresh, Fakes.InHours(8))]);
        Runs.Add((await OpenClawRunner.DoctorFixAsync(home)).EnsureSuccess());

        var status = await OpenClawRunner.ModelsStatusAsync(home);
        Runs.Add(status);
        ModelsStatus = status.JsonOrThrow();
        State = await ScanAsync(TimeProvider.System);
    }

    internal async Task<RegistryState> ScanAsync(TimeProvider time)
    {
        var options = new CredWatchOptions { Home = Home!.Root, StateDir = Path.Combine(Home.Root, "credwatch-state") };
        var scanner = new StoreScanner(Microsoft.Extensions.Options.Options.Create(options), new CredWatch.Exporter.OpenClaw.OpenClawInstallation(options.Stores.OpenClawStateDir, new PathEnvironment(Home.Root, _ => null)), Fingerprinter, time);
        var registry = new StoreRegistry(TokenComparer.Create(options), FingerprintHistory.InMemory(), time);
        var (discovery, snaps) = await scanner.ScanAsync(CancellationToken.None);
        return registry.Apply(snaps, discovery.OpenClawStateDir).State;
    }

    public Task DisposeAsync()
    {
        Home?.Dispose();
        return Task.CompletedTask;
    }
}
