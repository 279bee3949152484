using System.Text.RegularExpressions;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// OpenClaw's refresh-fence rule (2026.9.4+, docs/openclaw-observed.md): fenced only when the type is oauth,
/// <c>expires</c> is exactly 1, and access and refresh are markers of the SAME claim in the SAME state
/// (both pending or both <c>failed:</c>). Anything short of that is an ordinary (possibly broken) credential.
/// </summary>
internal static partial class RefreshFence
{
    /// <summary>True when <paramref name="token"/> looks like any fence marker (used to keep half-fences out of comparisons).</summary>
    public static bool IsMarker(string? token) => token is not null && token.StartsWith("openclaw-oauth-refresh-fence:", StringComparison.Ordinal);

    public static FenceState Classify(ProfileType type, long? expires, string? access, string? refresh)
    {
        if (type != ProfileType.OAuth || expires != 1 || access is null || refresh is null)
        {
            return FenceState.None;
        }

        var a = Marker().Match(access);
        var r = Marker().Match(refresh);
        if (!a.Success || !r.Success
            || a.Groups["kind"].Value != "access" || r.Groups["kind"].Value != "refresh"
            || !string.Equals(a.Groups["claim"].Value, r.Groups["claim"].Value, StringComparison.Ordinal)
            || a.Groups["failed"].Success != r.Groups["failed"].Success)
        {
            return FenceState.None;
        }

        return a.Groups["failed"].Success ? FenceState.Failed : FenceState.Pending;
    }

    [GeneratedRegex("^openclaw-oauth-refresh-fence:v1:(?<claim>[0-9a-f]{32}):(?<failed>failed:)?(?<kind>access|refresh):[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
