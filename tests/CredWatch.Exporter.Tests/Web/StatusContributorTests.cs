using System.Text.Json;
using System.Text.Json.Nodes;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CredWatch.Exporter.Tests.Web;

[Collection(CredWatch.Exporter.Tests.Support.InProcessDaemons.Name)]
public sealed class StatusContributorTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Other_components_add_sections_to_api_status()
    {
        await using var d = await DaemonHarness.StartAsync(_home, services: s => s.AddSingleton<IStatusContributor, DemoContributor>());
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode);
        using var doc = JsonDocument.Parse(await d.Client.GetStringAsync("/api/status"));
        doc.RootElement.GetProperty("demo").GetProperty("answer").GetInt32().Should().Be(42);
        doc.RootElement.GetProperty("stores").GetArrayLength().Should().Be(4);
    }

    private sealed class DemoContributor : IStatusContributor
    {
        public string Name => "demo";

        public StatusSection? GetStatus() => StatusSection.From(new JsonObject { ["answer"] = 42 });
    }
}
