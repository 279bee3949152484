using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.OpenClaw;

namespace CredWatch.Exporter.Tests.Stores;

public sealed class ScanCacheTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Same_size_in_place_rewrite_is_not_served_from_the_stat_cache()
    {
        var scanner = new StoreScanner(Microsoft.Extensions.Options.Options.Create(_home.Options()), _home.Installation(), _home.Fingerprinter, TimeProvider.System);
        var path = Path.Combine(_home.AgentDir("main"), OpenClawFiles.AuthProfiles);
        var first = (await scanner.ScanAsync(CancellationToken.None)).Snapshots.Single(s => s.Id.Agent == "main");
        var before = File.GetLastWriteTimeUtc(path);
        var text = await File.ReadAllTextAsync(path);
        var swapped = text.Replace("NEW000", "XYZ000", StringComparison.Ordinal);
        swapped.Length.Should().Be(text.Length);
        await File.WriteAllTextAsync(path, swapped);
        File.SetLastWriteTimeUtc(path, before.AddSeconds(1));
        var second = (await scanner.ScanAsync(CancellationToken.None)).Snapshots.Single(s => s.Id.Agent == "main");
        second.Profiles[0].RefreshFingerprint.Should().NotBe(first.Profiles[0].RefreshFingerprint);
        second.ContentVersion.Should().NotBe(first.ContentVersion);
    }
}
