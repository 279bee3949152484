using System.Text.Json.Nodes;
using CredWatch.Exporter.Reporting;

namespace CredWatch.Exporter.Effective;

/// <summary>
/// <c>/api/status</c> section <c>effectiveCredentials</c>: per agent and provider, the credential the next turn uses,
/// whether it is alive, the whole order OpenClaw tries and what it skips. Agents side by side make a per-agent
/// difference with an identical config (OpenClaw issue 148412) visible.
/// </summary>
internal sealed class EffectiveStatusContributor(EffectiveCredentials effective) : IStatusContributor
{
    public string Name => "effectiveCredentials";

    public StatusSection? GetStatus() => StatusSection.From(Build(effective.Current));

    public static JsonArray Build(IReadOnlyList<EffectiveCredential> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new JsonArray([.. list.Select(e => (JsonNode)new JsonObject
        {
            ["agent"] = e.Agent,
            ["provider"] = e.Provider,
            ["state"] = e.State,
            ["alive"] = e.Alive,
            ["store"] = e.Chosen?.Store.ToString(),
            ["profile"] = e.Chosen?.DisplayId,
            ["kind"] = e.Chosen?.Kind ?? EffectiveKinds.None,
            ["orderFrom"] = e.OrderFrom,
            ["lastGood"] = e.LastGood,
            ["detail"] = e.Detail,
            ["fix"] = e.Fix,
            ["order"] = new JsonArray([.. e.Order.Select(c => (JsonNode)new JsonObject
            {
                ["profile"] = c.DisplayId,
                ["store"] = c.Store.ToString(),
                ["kind"] = c.Kind,
                ["alive"] = c.Alive,
                ["state"] = c.Why,
                ["unusableUntil"] = c.UnusableUntil?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            })]),
            ["skipped"] = new JsonArray([.. e.Skipped.Select(s => (JsonNode)JsonValue.Create(s))]),
        })]);
    }
}
