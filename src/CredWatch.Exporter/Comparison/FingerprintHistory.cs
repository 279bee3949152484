using System.Text.Json;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Comparison;

/// <summary>
/// Persisted per-credential history of refresh-token fingerprints seen (keyed HMACs only, in CredWatch's
/// 0600 state dir, written atomically). Lets the comparer prove <c>stale</c> (the copy holds a token the
/// source once held) and <c>ahead</c> (the source holds a token the copy once held).
/// </summary>
internal sealed class FingerprintHistory
{
    public const string FileName = "seen-fingerprints.json";
    private const int MaxPerKey = 64;

    private readonly string? _path;
    private readonly Dictionary<string, List<string>> _seen;
    private readonly Lock _gate = new();
    private bool _dirty;

    private FingerprintHistory(string? path, Dictionary<string, List<string>> seen)
    {
        _path = path;
        _seen = seen;
    }

    /// <summary>An in-memory history (tests, read-only runs).</summary>
    public static FingerprintHistory InMemory() => new(null, new(StringComparer.Ordinal));

    /// <summary>Loads <c>&lt;stateDir&gt;/seen-fingerprints.json</c>; a missing or corrupt file starts empty (it is only evidence).</summary>
    public static FingerprintHistory Load(string stateDir) => new(Path.Combine(stateDir, FileName), Read(Path.Combine(stateDir, FileName)));

    /// <summary>The daemon's history as evidence for one run that must not write (<c>check</c>): never saved.</summary>
    public static FingerprintHistory LoadReadOnly(string stateDir) => new(null, Read(Path.Combine(stateDir, FileName)));

    private static Dictionary<string, List<string>> Read(string path)
    {
        var seen = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path))
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in doc.RootElement.EnumerateObject())
                    {
                        if (p.Value.ValueKind == JsonValueKind.Array)
                        {
                            seen[p.Name] = [.. p.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
                        }
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            seen.Clear();
        }

        return seen;
    }

    public static string KeyFor(StoreId store, string displayId) => store + "|" + displayId;

    public bool Contains(string key, Fingerprint fingerprint)
    {
        lock (_gate)
        {
            return _seen.TryGetValue(key, out var list) && list.Contains(fingerprint.Hex, StringComparer.Ordinal);
        }
    }

    /// <summary>Adds a fingerprint (most recent last); true when it was new.</summary>
    public bool Record(string key, Fingerprint fingerprint)
    {
        lock (_gate)
        {
            if (!_seen.TryGetValue(key, out var list))
            {
                _seen[key] = list = [];
            }

            if (list.Count > 0 && list[^1] == fingerprint.Hex)
            {
                return false;
            }

            list.Remove(fingerprint.Hex);
            list.Add(fingerprint.Hex);
            if (list.Count > MaxPerKey)
            {
                list.RemoveAt(0);
            }

            _dirty = true;
            return true;
        }
    }

    /// <summary>Writes the history atomically when it changed; IO failures are returned, not thrown (evidence, not state).</summary>
    public Exception? SaveIfDirty()
    {
        byte[] bytes;
        lock (_gate)
        {
            if (!_dirty || _path is null)
            {
                return null;
            }

            bytes = JsonSerializer.SerializeToUtf8Bytes(_seen, ComparisonJsonContext.Default.DictionaryStringListString);
            _dirty = false;
        }

        try
        {
            AtomicFile.WriteAllBytes(_path, bytes);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (_gate)
            {
                _dirty = true;
            }

            return ex;
        }
    }
}
