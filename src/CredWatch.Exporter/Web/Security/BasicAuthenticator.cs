using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Checks <c>Authorization: Basic</c> headers against the bcrypt hashes of the active web config.
/// Successful checks are remembered briefly under an HMAC of the header with a per-process random key,
/// so a scrape every few seconds costs one bcrypt per minute, and the cache never holds the header
/// or an unkeyed hash of it. Failures are never cached: each costs a full bcrypt.
/// </summary>
internal sealed class BasicAuthenticator(TimeProvider time, IOptions<WebSecurityOptions> options) : IDisposable
{
    private const int MaxCacheEntries = 1024;

    private readonly TimeSpan _cacheDuration = options.Value.AuthCacheDuration;
    private readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);

    // bcrypt is CPU-bound by design: bound parallel verifications so a flood cannot take every core.
    private readonly SemaphoreSlim _bcryptSlots = new(Math.Max(1, Environment.ProcessorCount / 2));

    // Unknown users are verified against a random hash of the same cost as a configured one,
    // so a wrong user name takes as long as a wrong password.
    private readonly ConcurrentDictionary<int, Lazy<string>> _dummyHashes = new();

    public int CachedEntries => _cache.Count;

    public async ValueTask<AuthResult> AuthenticateAsync(string? header, ActiveWebConfig active, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(active);
        if (string.IsNullOrEmpty(header))
        {
            return AuthResult.Missing;
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthResult.Malformed;
        }

        var now = time.GetUtcNow();
        var key = CacheKeyOf(header);
        if (_cache.TryGetValue(key, out var hit) && hit.Generation == active.Generation && hit.Expires > now)
        {
            return AuthResult.Ok;
        }

        if (!TryDecode(header.AsSpan(6).Trim(), out var user, out var password))
        {
            return AuthResult.Malformed;
        }

        var known = active.Config.Users.TryGetValue(user, out var hash);
        bool verified;
        await _bcryptSlots.WaitAsync(cancellationToken);
        try
        {
            verified = Verify(password, known ? hash! : DummyHash(active.Config.Users.Values.FirstOrDefault())) && known;
        }
        finally
        {
            _bcryptSlots.Release();
        }

        if (!verified)
        {
            return AuthResult.InvalidCredentials;
        }

        if (_cache.Count >= MaxCacheEntries)
        {
            Prune(now);
        }

        _cache[key] = new CacheEntry(active.Generation, now + _cacheDuration);
        return AuthResult.Ok;
    }

    public void Dispose() => _bcryptSlots.Dispose();

    private string DummyHash(string? sample)
    {
        var cost = sample is not null && int.TryParse(sample.AsSpan(4, 2), out var parsed) ? parsed : HashPasswordCommand.DefaultCost;
        return _dummyHashes.GetOrAdd(cost, c => new Lazy<string>(() =>
            BCrypt.Net.BCrypt.HashPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)), c))).Value;
    }

    private static bool Verify(string password, string hash)
    {
        try
        {
            // Recompute with the stored salt and cost, then compare in constant time ourselves.
            var computed = BCrypt.Net.BCrypt.HashPassword(password, hash);
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(hash));
        }
        catch (Exception ex) when (ex is BCrypt.Net.SaltParseException or ArgumentException)
        {
            return false;
        }
    }

    private string CacheKeyOf(string header)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_cacheKey, Encoding.UTF8.GetBytes(header), mac);
        return Convert.ToBase64String(mac);
    }

    private static bool TryDecode(ReadOnlySpan<char> encoded, out string user, out string password)
    {
        user = password = string.Empty;
        var buffer = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        user = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _cache)
        {
            if (entry.Expires <= now)
            {
                _cache.TryRemove(key, out _);
            }
        }

        if (_cache.Count >= MaxCacheEntries)
        {
            // Still full of live entries: drop them all; the cost is one bcrypt per client.
            _cache.Clear();
        }
    }

    private readonly record struct CacheEntry(long Generation, DateTimeOffset Expires);
}
