using CredWatch.Exporter.Resync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Tests.Resync;

[System.Runtime.Versioning.SupportedOSPlatform("linux")] // Unix modes: CredWatch runs on Linux
public sealed class ResyncRegistrationTests : IDisposable
{
    private readonly ResyncHome _home = new();

    [Fact]
    public void AddResync_binds_the_section_and_resolves_the_service()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CredWatch:Resync:Enabled"] = "true",
            ["CredWatch:Resync:Mode"] = "NewestWins",
            ["CredWatch:Resync:BackupCount"] = "3",
            ["CredWatch:Resync:AllowSqliteWrite"] = "false",
            ["CredWatch:Resync:Lock:Retries"] = "4",
            ["CredWatch:Resync:Mappings:0:Agent"] = "hr-bp",
            ["CredWatch:Resync:Mappings:0:Profile"] = "anthropic:work",
            ["CredWatch:Resync:Mappings:0:Source"] = "claude-cli",
        }).Build();
        using var sp = Services(config);

        var o = sp.GetRequiredService<IOptions<ResyncOptions>>().Value;

        o.Enabled.Should().BeTrue();
        o.Mode.Should().Be(ResyncMode.NewestWins);
        o.BackupCount.Should().Be(3);
        o.Lock.Retries.Should().Be(4);
        o.Lock.StaleAfter.Should().Be(TimeSpan.FromSeconds(30));
        o.Mappings.Should().ContainSingle(m => m.Agent == "hr-bp" && m.Source == "claude-cli");
        sp.GetRequiredService<ResyncService>().Should().NotBeNull();
    }

    [Theory]
    [InlineData("CredWatch:Resync:BackupCount", "0")]
    [InlineData("CredWatch:Resync:Lock:Retries", "-1")]
    [InlineData("CredWatch:Resync:Mappings:0:Source", "somewhere")]
    public void Invalid_options_fail_validation(string key, string value)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [key] = value,
            ["CredWatch:Resync:Mappings:0:Agent"] = "a",
            ["CredWatch:Resync:Mappings:0:Profile"] = "p",
        }).Build();
        using var sp = Services(config);

        var act = () => sp.GetRequiredService<IOptions<ResyncOptions>>().Value;

        act.Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public async Task Orphaned_temp_files_older_than_the_stale_limit_are_removed_under_the_lock()
    {
        using var f = new ResyncFixture();
        var dir = Path.GetDirectoryName(f.Home.HrBp)!;
        var old = Path.Combine(dir, "auth-profiles.json.11111111-1111-1111-1111-111111111111.tmp");
        var fresh = Path.Combine(dir, "auth-profiles.json.22222222-2222-2222-2222-222222222222.tmp");
        File.WriteAllText(old, "{\"half");
        File.WriteAllText(fresh, "{\"half");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddMinutes(-5));

        var report = await f.Service.RunAsync([f.Home.HrBpCandidate()], SyncRequest.All, default);

        report.Outcomes.Single().Action.Should().Be(ResyncAction.Repaired);
        File.Exists(old).Should().BeFalse();
        File.Exists(fresh).Should().BeTrue("a young temp file may belong to a live writer");
    }

    public void Dispose() => _home.Dispose();

    private sealed class NoSource : ISourceCredentialReader
    {
        public ProfileTokenUpdate? Read(ResyncSource source) => null;
    }

    private static ServiceProvider Services(IConfiguration config)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Exporter.Stores.Fingerprinter.CreateEphemeral());
        services.AddSingleton<ISourceCredentialReader, NoSource>();
        services.AddResync(config);
        return services.BuildServiceProvider();
    }
}
