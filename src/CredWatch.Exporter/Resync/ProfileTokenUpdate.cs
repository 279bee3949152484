namespace CredWatch.Exporter.Resync;

/// <summary>
/// New oauth fields for one profile. Holds raw tokens: a class (not a record) so no generated
/// ToString/equality ever prints them; keep instances short-lived.
/// </summary>
internal sealed class ProfileTokenUpdate(string access, string refresh, long expiresAtMs)
{
    public string Access { get; } = access;

    public string Refresh { get; } = refresh;

    public long ExpiresAtMs { get; } = expiresAtMs;

    public override string ToString() => $"ProfileTokenUpdate(expires={ExpiresAtMs}, tokens redacted)";
}
