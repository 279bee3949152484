using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.OpenClaw;

/// <summary>
/// <c>openclaw.json</c> as read once (JSON5, as OpenClaw reads it): the root object, or why there is none. A missing
/// file is an empty config, not a problem. <see cref="Stamp"/> (path, length, write time) tells when to read it again.
/// </summary>
internal sealed class OpenClawConfig
{
    private const long MaxBytes = 4 * 1024 * 1024;

    private OpenClawConfig(string path, string stamp, JsonObject? root, string? problem, IReadOnlyList<string>? notes = null)
    {
        Path = path;
        Stamp = stamp;
        Root = root;
        Problem = problem;
        Notes = notes ?? [];
    }

    public string Path { get; }

    public string Stamp { get; }

    /// <summary>The parsed config; null when the file is missing or could not be read (see <see cref="Problem"/>).</summary>
    public JsonObject? Root { get; }

    /// <summary>Why an existing file gave no config (never its content: the parser's messages carry offsets only).</summary>
    public string? Problem { get; }

    /// <summary>What was read but dropped (<c>${VAR}</c> references to unset variables).</summary>
    public IReadOnlyList<string> Notes { get; }

    public bool Exists => Stamp != "-";

    public static string StampOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? $"{info.Length}/{info.LastWriteTimeUtc.Ticks}" : "-";
    }

    /// <summary>Reads and parses the file; <c>${VAR}</c> in strings is substituted from <paramref name="env"/> as OpenClaw does.</summary>
    public static OpenClawConfig Read(string path, Func<string, string?> env)
    {
        var stamp = StampOf(path);
        if (stamp == "-")
        {
            return new OpenClawConfig(path, stamp, null, null);
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(SafeFile.Read(path, MaxBytes).Bytes);
        }
        catch (StoreReadException ex)
        {
            return new OpenClawConfig(path, stamp, null, $"OpenClaw config {path} unreadable ({ex.Reason})");
        }

        try
        {
            if (Json5Reader.Parse(text) is not JsonObject root)
            {
                return new OpenClawConfig(path, stamp, null, $"OpenClaw config {path} is not a JSON object");
            }

            var notes = new List<string>();
            EnvSubstitution.SubstituteAll(root, string.Empty, env, notes);
            return new OpenClawConfig(path, stamp, root, null, notes);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return new OpenClawConfig(path, stamp, null, $"OpenClaw config {path} is not valid JSON5: {(ex is FormatException ? ex.Message : "invalid JSON")}");
        }
    }

    /// <summary>The node at a dotted path (<c>logging.file</c>), or null.</summary>
    public JsonNode? At(string dotted)
    {
        JsonNode? node = Root;
        foreach (var part in dotted.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }

        return node;
    }

    /// <summary>A non-blank string at a dotted path, or null.</summary>
    public string? String(string dotted) =>
        At(dotted) is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
