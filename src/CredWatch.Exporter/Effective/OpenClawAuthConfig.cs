using System.Text.Json;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Effective;

/// <summary>
/// The parts of <c>openclaw.json</c> OpenClaw's profile order reads (2026.9.6 <c>auth-profiles/order</c>):
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
    public static OpenClawAuthConfig Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, (string, string?)>());

    /// <summary>
    /// Reads <c>&lt;state&gt;/openclaw.json</c> as plain JSON with comments and trailing commas (what OpenClaw itself
    /// writes). A missing or unreadable file is an empty config: the order then comes from the stores alone.
    /// </summary>
    public static OpenClawAuthConfig Read(string? stateDir)
    {
        if (stateDir is null)
        {
            return Empty;
        }

        var path = Path.Combine(stateDir, OpenClawFiles.ConfigFile);
        try
        {
            if (!File.Exists(path))
            {
                return Empty;
            }

            var bytes = SafeFile.Read(path, 1024 * 1024).Bytes;
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return Parse(doc.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or StoreReadException or IOException or UnauthorizedAccessException)
        {
            return Empty;
        }
    }

    public static OpenClawAuthConfig Parse(JsonElement root)
    {
        var gemini = NamesGeminiRuntime(root, null);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("auth", out var auth) || auth.ValueKind != JsonValueKind.Object)
        {
            return gemini ? Empty with { GeminiCliRuntime = true } : Empty;
        }

        var order = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (auth.TryGetProperty("order", out var o) && o.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in o.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
            {
                order[p.Name] = [.. p.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).Where(v => v.Length > 0)];
            }
        }

        var profiles = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        if (auth.TryGetProperty("profiles", out var ps) && ps.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in ps.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
            {
                var provider = p.Value.TryGetProperty("provider", out var pv) && pv.ValueKind == JsonValueKind.String ? pv.GetString() : null;
                var mode = p.Value.TryGetProperty("mode", out var mv) && mv.ValueKind == JsonValueKind.String ? mv.GetString() : null;
                profiles[p.Name] = (provider ?? ProfileIds.ProviderFromId(p.Name), mode);
            }
        }

        return new OpenClawAuthConfig(order, profiles, gemini);
    }

    private static bool NamesGeminiRuntime(JsonElement e, string? name) => e.ValueKind switch
    {
        JsonValueKind.Object when name == "agentRuntime" && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && string.Equals(id.GetString()?.Trim(), GeminiCliProvider, StringComparison.OrdinalIgnoreCase) => true,
        JsonValueKind.Object => e.EnumerateObject().Any(p => NamesGeminiRuntime(p.Value, p.Name)),
        JsonValueKind.Array => e.EnumerateArray().Any(v => NamesGeminiRuntime(v, name)),
        JsonValueKind.String => e.GetString()!.StartsWith(GeminiCliProvider + "/", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private const string GeminiCliProvider = "google-gemini-cli";
}
