using System.Text.Json.Nodes;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Effective;

/// <summary>
/// The parts of OpenClaw's config its profile order reads (2026.9.6 <c>auth-profiles/order</c>):
/// <c>auth.order</c> (provider → profile ids) and <c>auth.profiles</c> (id → provider and mode), and whether any model
/// runs through the Gemini CLI runtime. Secret-free.
/// </summary>
/// <param name="Order">Configured order per provider key as written.</param>
/// <param name="Profiles">Configured profiles: id → (provider, mode).</param>
/// <param name="GeminiCliRuntime">
/// Some model is set to run through the local <c>gemini</c> CLI: an <c>agentRuntime.id</c> of <c>google-gemini-cli</c>
/// (what 2026.9.6's doctor writes) or a legacy <c>google-gemini-cli/…</c> model ref.
/// </param>
internal sealed record OpenClawAuthConfig(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Order,
    IReadOnlyDictionary<string, (string Provider, string? Mode)> Profiles,
    bool GeminiCliRuntime = false)
{
    private const string GeminiCliProvider = "google-gemini-cli";

    public static OpenClawAuthConfig Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, (string, string?)>());

    /// <summary>The config as the installation read it; a missing or unreadable one is empty: the order then comes from the stores alone.</summary>
    public static OpenClawAuthConfig From(OpenClawConfig config)
    {
        var gemini = config.Root is { } root && NamesGeminiRuntime(root, null);
        if (config.At("auth") is not JsonObject auth)
        {
            return gemini ? Empty with { GeminiCliRuntime = true } : Empty;
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

        return new OpenClawAuthConfig(order, profiles, gemini);
    }

    private static string? Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s.Trim() : null;

    private static bool NamesGeminiRuntime(JsonNode? node, string? name) => node switch
    {
        JsonObject o when name == "agentRuntime" && string.Equals(Text(o["id"]), GeminiCliProvider, StringComparison.OrdinalIgnoreCase) => true,
        JsonObject o => o.Any(p => NamesGeminiRuntime(p.Value, p.Key)),
        JsonArray a => a.Any(v => NamesGeminiRuntime(v, name)),
        JsonValue v when v.TryGetValue<string>(out var s) => s.StartsWith(GeminiCliProvider + "/", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
