using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// Reads (never imports, never modifies) the archives OpenClaw leaves after importing a JSON store:
/// <c>auth-profiles.json.migrated-&lt;ISO time with - for :&gt;-&lt;uuid&gt;</c> (2026.9.6) and
/// <c>auth-profiles.json.sqlite-import.&lt;ts&gt;.bak</c> (older releases). The import only adds ids the database
/// lacks, so a login archived for an id the database already held was discarded: reported when its refresh token
/// differs, its expiry is later than the stored profile's (a fence has none), and it was still valid when archived.
/// The database row's own update time cannot order them: on 2026.9.6 doctor rewrites the row about a second after
/// writing the archive (fixtures/openclaw-2026.9.6/migration), so the expiry order is the evidence.
/// </summary>
internal static partial class MigrationArchives
{
    /// <summary>Archives hold one store each; anything bigger than this is not an archive OpenClaw wrote.</summary>
    private const long MaxArchiveBytes = 4 * 1024 * 1024;

    public static bool IsArchive(string name) => MigratedName().IsMatch(name) || ImportName().IsMatch(name);

    public static IReadOnlyList<IgnoredResignIn> FindIgnored(string dir, Func<string, ProfileSnapshot?> stored, Fingerprinter fingerprinter)
    {
        List<string> files;
        try
        {
            files = Directory.Exists(dir)
                ? [.. Directory.EnumerateFiles(dir).Where(f => IsArchive(Path.GetFileName(f))).Order(StringComparer.Ordinal)]
                : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var found = new Dictionary<string, IgnoredResignIn>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (profile, archivedAt) in Read(file, fingerprinter))
            {
                if (profile is not { Type: ProfileType.OAuth, Fence: FenceState.None, RefreshFingerprint: { } archivedRefresh, AccessExpiresAt: { } archivedExpiry }
                    || archivedExpiry <= archivedAt
                    || stored(profile.ProfileId) is not { } current
                    || current.RefreshFingerprint == archivedRefresh
                    || (current.AccessExpiresAt is { } currentExpiry && currentExpiry >= archivedExpiry))
                {
                    continue;
                }

                if (!found.TryGetValue(profile.ProfileId, out var previous) || previous.ArchivedAt < archivedAt)
                {
                    found[profile.ProfileId] = new IgnoredResignIn(profile.ProfileId, profile.DisplayId, profile.Provider, file, archivedAt, archivedExpiry);
                }
            }
        }

        return [.. found.Values.OrderBy(f => f.ProfileId, StringComparer.Ordinal)];
    }

    private static List<(ProfileSnapshot Profile, DateTimeOffset ArchivedAt)> Read(string file, Fingerprinter fingerprinter)
    {
        try
        {
            var content = SafeFile.Read(file, MaxArchiveBytes);
            using var doc = JsonDocument.Parse(content.Bytes);
            var (_, profiles) = OpenClawStoreParser.ParseProfiles(doc.RootElement, Path.GetFileName(file), fingerprinter);
            var at = ArchivedAt(Path.GetFileName(file)) ?? content.ModifiedAt;
            return [.. profiles.Select(p => (p, at))];
        }
        catch (Exception ex) when (ex is JsonException or StoreReadException or IOException or UnauthorizedAccessException)
        {
            // An unreadable archive is no evidence either way; the live stores are reported on their own.
            return [];
        }
    }

    /// <summary>The archive time encoded in its name, if any.</summary>
    internal static DateTimeOffset? ArchivedAt(string name)
    {
        var m = MigratedName().Match(name);
        if (m.Success)
        {
            var iso = m.Groups["date"].Value + "T" + m.Groups["time"].Value.Replace('-', ':');
            return DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
        }

        m = ImportName().Match(name);
        if (m.Success && long.TryParse(m.Groups["ts"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and < 253402300799999)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        return null;
    }

    [GeneratedRegex(@"^auth-profiles\.json\.migrated-(?<date>\d{4}-\d\d-\d\d)T(?<time>\d\d-\d\d-\d\d(?:\.\d+)?Z)-[0-9a-fA-F-]{36}$", RegexOptions.CultureInvariant)]
    private static partial Regex MigratedName();

    [GeneratedRegex(@"^auth-profiles\.json\.sqlite-import\.(?<ts>[^/]+)\.bak$", RegexOptions.CultureInvariant)]
    private static partial Regex ImportName();
}
