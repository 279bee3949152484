using System.Text.Json;
using System.Text.Json.Nodes;
using CredWatch.Exporter.Tests.Support;

namespace CredWatch.Exporter.Tests.Health;

/// <summary>Builds OpenClaw stores (profiles + usage state) in each of the three layouts, with fake secrets only.</summary>
internal sealed class HealthStores
{
    private readonly JsonObject _profiles = [];
    private readonly JsonObject _usage = [];
    private readonly JsonObject _lastGood = [];
    private readonly JsonObject _order = [];

    public HealthStores OAuth(string id, string provider, long expires, string tag, bool withRefresh = true)
    {
        var p = new JsonObject { ["type"] = "oauth", ["provider"] = provider, ["access"] = Tokens.Access(tag), ["expires"] = expires };
        if (withRefresh)
        {
            p["refresh"] = Tokens.Refresh(tag);
        }

        _profiles[id] = p;
        return this;
    }

    public HealthStores FailedFence(string id, string provider)
    {
        _profiles[id] = new JsonObject
        {
            ["type"] = "oauth", ["provider"] = provider, ["expires"] = 1,
            ["access"] = Tokens.Fence(Tokens.ClaimA, "access", failed: true), ["refresh"] = Tokens.Fence(Tokens.ClaimA, "refresh", failed: true),
        };
        return this;
    }

    public HealthStores Token(string id, string provider, long? expires, string tag)
    {
        var p = new JsonObject { ["type"] = "token", ["provider"] = provider, ["token"] = Tokens.Access(tag) };
        if (expires is { } e)
        {
            p["expires"] = e;
        }

        _profiles[id] = p;
        return this;
    }

    public HealthStores ApiKey(string id, string provider) =>
        Raw(id, new JsonObject { ["type"] = "api_key", ["provider"] = provider, ["key"] = "sk-or-v1-FIXTUREapikey000000000000000000" });

    public HealthStores KeyRef(string id, string provider) =>
        Raw(id, new JsonObject { ["type"] = "api_key", ["provider"] = provider, ["keyRef"] = new JsonObject { ["source"] = "env", ["id"] = "OPENROUTER_API_KEY" } });

    public HealthStores Raw(string id, JsonObject profile)
    {
        _profiles[id] = profile;
        return this;
    }

    public HealthStores Usage(string id, string json)
    {
        _usage[id] = JsonNode.Parse(json);
        return this;
    }

    public HealthStores LastGood(string provider, string id)
    {
        _lastGood[provider] = id;
        return this;
    }

    public HealthStores Order(string provider, params string[] ids)
    {
        _order[provider] = new JsonArray([.. ids.Select(i => (JsonNode?)JsonValue.Create(i))]);
        return this;
    }

    public string ProfilesJson() => new JsonObject { ["version"] = 1, ["profiles"] = _profiles.DeepClone() }.ToJsonString(Indented);

    public string StateJson() => new JsonObject { ["order"] = _order.DeepClone(), ["lastGood"] = _lastGood.DeepClone(), ["usageStats"] = _usage.DeepClone() }.ToJsonString(Indented);

    public string V1Json() => new JsonObject
    {
        ["version"] = 1, ["profiles"] = _profiles.DeepClone(), ["order"] = _order.DeepClone(), ["lastGood"] = _lastGood.DeepClone(), ["usageStats"] = _usage.DeepClone(),
    }.ToJsonString(Indented);

    /// <summary>Layout 1 (≤ 2026.4.6): one auth-profiles.json holding usageStats.</summary>
    public void WriteV1(TempHome home, string agent) => home.Write($".openclaw/agents/{agent}/agent/auth-profiles.json", V1Json());

    /// <summary>Layout 2 (2026.4.7–5.x): auth-profiles.json + auth-state.json.</summary>
    public void WriteWithState(TempHome home, string agent)
    {
        home.Write($".openclaw/agents/{agent}/agent/auth-profiles.json", ProfilesJson());
        home.Write($".openclaw/agents/{agent}/agent/auth-state.json", StateJson());
    }

    /// <summary>Layout 3 (≥ 2026.6): openclaw-agent.sqlite, rows <c>primary</c>.</summary>
    public void WriteSqlite(TempHome home, string agent) => home.CreateAgentDatabase(agent, ProfilesJson(), StateJson(), HealthHarness.Ms(TimeSpan.FromMinutes(-5)));

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
