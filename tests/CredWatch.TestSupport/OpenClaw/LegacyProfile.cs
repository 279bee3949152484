using System.Text.Json.Nodes;

namespace CredWatch.TestSupport.OpenClaw;

/// <summary>One profile of a legacy (≤ 2026.5) <c>auth-profiles.json</c>, in the shape formats.md §3 describes.</summary>
public sealed record LegacyProfile(string Id, JsonObject Body)
{
    public static LegacyProfile OAuth(string id, string provider, string access, string refresh, DateTimeOffset expires, string? email = null)
    {
        var body = new JsonObject
        {
            ["type"] = "oauth",
            ["provider"] = provider,
            ["access"] = access,
            ["refresh"] = refresh,
            ["expires"] = expires.ToUnixTimeMilliseconds(),
        };
        if (email is not null)
        {
            body["email"] = email;
        }

        return new LegacyProfile(id, body);
    }

    public static LegacyProfile ApiKey(string id, string provider, string key) =>
        new(id, new JsonObject { ["type"] = "api_key", ["provider"] = provider, ["key"] = key });
}
