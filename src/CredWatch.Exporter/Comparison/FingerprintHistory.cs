using System.Runtime.InteropServices;
using System.Text.Json;
using CredWatch.Exporter.Stores;
using CredWatch.State;

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

    private readonly PersistedFile? _file;
    private readonly Dictionary<string, List<string>> _seen;
    private readonly Lock _gate = new();
    private bool _dirty;

    private FingerprintHistory(PersistedFile? file, Dictionary<string, List<string>> seen)
    {
        _file = file;
        _seen = seen;
    }

    /// <summary>An in-memory history (tests, read-only runs).</summary>
    public static FingerprintHistory InMemory() => new(null, new(StringComparer.Ordinal));

    /// <summary>
    /// Loads <c>&lt;stateDir&gt;/seen-fingerprints.json</c>; a missing one starts empty, a corrupt one is set aside (the
    /// stale-copy evidence it held stays on disk) and an unreadable one is kept and never written over.
    /// </summary>
    public static FingerprintHistory Load(string stateDir, StateFileReporter? reporter = null, TimeProvider? time = null)
    {
        var file = new PersistedFile(Path.Combine(stateDir, FileName), FileName, reporter, time);
        var bytes = file.Load();
        var seen = bytes is null ? null : Parse(bytes);
        if (bytes is not null && seen is null)
        {
            file.Reject(StateFileReasons.InvalidContent);
        }

        return new FingerprintHistory(file, seen ?? new(StringComparer.Ordinal));
    }

    /// <summary>The daemon's history as evidence for one run that must not write (<c>check</c>): never saved, never set aside.</summary>
    public static FingerprintHistory LoadReadOnly(string stateDir)
    {
        byte[]? bytes = null;
        try
        {
            var path = Path.Combine(stateDir, FileName);
            bytes = File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Evidence only: without it, copies are judged on what the stores show.
        }

        return new FingerprintHistory(null, (bytes is null ? null : Parse(bytes)) ?? new(StringComparer.Ordinal));
    }

    private static Dictionary<string, List<string>>? Parse(byte[] bytes)
    {
        var seen = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Array)
                {
                    seen[p.Name] = [.. p.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
                }
            }

            return seen;
        }
        catch (JsonException)
        {
            return null;
        }
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
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_seen, key, out _);
            list ??= [];

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
            if (!_dirty || _file is null || _file.Blocked)
            {
                return null;
            }

            bytes = JsonSerializer.SerializeToUtf8Bytes(_seen, ComparisonJsonContext.Default.DictionaryStringListString);
            _dirty = false;
        }

        if (_file.TrySave(bytes, out var error))
        {
            return null;
        }

        lock (_gate)
        {
            _dirty = true;
        }

        return error;
    }
}
