using System.Text.Json.Nodes;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Effective;

/// <summary>
/// The parts of OpenClaw's config its profile order reads (2026.9.6 <c>auth-profiles/order</c>):
/// <c>auth.order</c> (provider → profile ids) and <c>auth.profiles</c> (id → provider and mode). Secret-free.
/// </summary>
/// <param name="Order">Configured order per provider key as written.</param>
/// <param name="Profiles">Configured profiles: id → (provider, mode).</param>
internal sealed record OpenClawAuthConfig(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Order,
    IReadOnlyDictionary<string, (string Provider, string? Mode)> Profiles)
{
    public static OpenClawAuthConfig Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, (string, string?)>());

    /// <summary>The config as the installation read it; a missing or unreadable one is empty: the order then comes from the stores alone.</summary>
    public static OpenClawAuthConfig From(OpenClawConfig config)
    {
        if (config.At("auth") is not JsonObject auth)
        {
            return Empty;
        }

        var order = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (provider, ids) in auth["order"] as JsonObject ?? [])
        {
            if (ids is JsonArray list)
            {
                order[provider] = [.. list.Select(Text).OfType<string>()];
            }
        }

        var profiles = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        foreach (var (id, p) in auth["profiles"] as JsonObject ?? [])
        {
            if (p is JsonObject profile)
            {
                profiles[id] = (Text(profile["provider"]) ?? ProfileIds.ProviderFromId(id), Text(profile["mode"]));
            }
        }

        return new OpenClawAuthConfig(order, profiles);
    }

    private static string? Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s.Trim() : null;
}
