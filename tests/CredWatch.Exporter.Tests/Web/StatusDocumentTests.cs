using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Web;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Web;

/// <summary>The hand-written <c>/api/status</c> envelope (no reflection, for Native AOT) keeps the earlier document's shape.</summary>
public sealed class StatusDocumentTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 25, 4, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Core_fields_come_first_and_timestamps_are_iso_8601_with_offset()
    {
        var text = Render([]);
        using var doc = JsonDocument.Parse(text);

        doc.RootElement.EnumerateObject().Select(p => p.Name).Should()
            .Equal("version", "now", "ready", "lastScanAt", "openclawStateDir", "stores");
        doc.RootElement.GetProperty("lastScanAt").ValueKind.Should().Be(JsonValueKind.Null);
        doc.RootElement.GetProperty("openclawStateDir").ValueKind.Should().Be(JsonValueKind.Null);
        text.Should().Contain("\"now\": \"2026-11-25T04:00:00+00:00\"", "indented, and '+' not escaped as before");
    }

    [Fact]
    public void Sections_follow_in_registration_order_null_omits_and_a_repeat_replaces_in_place()
    {
        using var doc = JsonDocument.Parse(Render(
        [
            new Contributor("first", new JsonObject { ["n"] = 1 }),
            new Contributor("absent", null),
            new Contributor("second", new JsonObject { ["n"] = 2 }),
            new Contributor("first", new JsonObject { ["n"] = 3 }),
        ]));

        doc.RootElement.EnumerateObject().Select(p => p.Name).Skip(6).Should().Equal("first", "second");
        doc.RootElement.GetProperty("first").GetProperty("n").GetInt32().Should().Be(3);
    }

    [Fact]
    public void A_section_cannot_shadow_a_core_field()
    {
        using var doc = JsonDocument.Parse(Render([new Contributor("stores", new JsonObject { ["n"] = 1 })]));

        doc.RootElement.EnumerateObject().Count(p => p.Name == "stores").Should().Be(1);
        doc.RootElement.GetProperty("stores").ValueKind.Should().Be(JsonValueKind.Array);
    }

    private static string Render(IEnumerable<IStatusContributor> contributors) =>
        Encoding.UTF8.GetString(StatusDocument.ToUtf8Json(RegistryState.Empty with { LastScanAt = null }, contributors, Time));

    private sealed class Contributor(string name, JsonObject? section) : IStatusContributor
    {
        public string Name => name;

        public StatusSection? GetStatus() => section is null ? null : StatusSection.From(section);
    }
}
