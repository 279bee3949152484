namespace CredWatch.Exporter.Resync;

/// <summary>
/// The oauth fields of one stored profile as read back for a precondition or verification. Raw tokens:
/// fingerprint them at once and drop the instance; ToString never prints them.
/// </summary>
internal sealed class StoredOAuthProfile(string? type, string? access, string? refresh, long? expiresAtMs)
{
    public string? Type { get; } = type;

    public string? Access { get; } = access;

    public string? Refresh { get; } = refresh;

    public long? ExpiresAtMs { get; } = expiresAtMs;

    public bool IsOAuth => string.Equals(Type, "oauth", StringComparison.Ordinal);

    public override string ToString() => $"StoredOAuthProfile(type={Type}, expires={ExpiresAtMs}, tokens redacted)";
}
