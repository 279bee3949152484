using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using CredWatch.State;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// Keyed fingerprints (HMAC-SHA256 with a random per-install key kept 0600 in CredWatch's state dir).
/// Tokens go in, opaque <see cref="Fingerprint"/>s come out; nothing unkeyed ever leaves.
/// </summary>
internal sealed class Fingerprinter
{
    public const string KeyFileName = "fingerprint.key";

    private const int StackTokenBytes = 1024;

    private const int MaxPooledMacs = 8;

    private readonly byte[] _key;
    private readonly Stack<IncrementalHash> _macs = new();
    private readonly Lock _saving = new();
    private PersistedFile? _unsaved;

    public Fingerprinter(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("fingerprint key too short", nameof(key));
        }

        _key = key;
    }

    /// <summary>True while the key lives only in memory (fingerprints made with it are lost at exit unless it is saved).</summary>
    public bool Ephemeral { get; private set; }

    /// <summary>Why a new key could not be saved at start (full disk, …); <see cref="TrySaveKey"/> saves it later.</summary>
    public Exception? SaveError { get; private init; }

    /// <summary>
    /// Loads <c>&lt;stateDir&gt;/fingerprint.key</c>, creating it (0600, atomically) on first use. A corrupt key file is
    /// set aside and replaced (its fingerprints could not be matched anyway); an unreadable one is kept and this
    /// throws, so the caller runs on an in-memory key rather than overwrite it.
    /// </summary>
    public static Fingerprinter LoadOrCreate(string stateDir, StateFileReporter? reporter = null, TimeProvider? time = null)
    {
        var file = new PersistedFile(Path.Combine(stateDir, KeyFileName), KeyFileName, reporter, time);
        if (file.Load(4096) is { } bytes)
        {
            if (Parse(bytes) is { } stored)
            {
                return new Fingerprinter(stored);
            }

            file.Reject(StateFileReasons.InvalidContent);
        }

        if (file.Blocked)
        {
            throw new IOException($"{file.Path} cannot be used ({file.Problem}) and is kept as it is");
        }

        var key = RandomNumberGenerator.GetBytes(32);
        return file.TrySave(Text(key), out var error)
            ? new Fingerprinter(key)
            // Full disk or the like: this key serves from memory and is saved once the state dir takes writes again, so
            // the fingerprints made meanwhile stay valid.
            : new Fingerprinter(key) { Ephemeral = true, SaveError = error, _unsaved = file };
    }

    /// <summary>
    /// Saves a key that could not be saved at start; true when the key is on disk. A key file that appeared meanwhile
    /// is never written over (this key then stays in memory).
    /// </summary>
    public bool TrySaveKey()
    {
        lock (_saving)
        {
            if (_unsaved is not { } file)
            {
                return !Ephemeral;
            }

            if (File.Exists(file.Path))
            {
                _unsaved = null;
                return false;
            }

            if (!file.TrySave(Text(_key)))
            {
                return false;
            }

            _unsaved = null;
            Ephemeral = false;
            return true;
        }
    }

    private static byte[] Text(byte[] key) => Encoding.ASCII.GetBytes(Convert.ToHexStringLower(key) + "\n");

    private static byte[]? Parse(byte[] bytes)
    {
        var text = Encoding.ASCII.GetString(bytes).Trim();
        if (text.Length < 32 || text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        return Convert.FromHexString(text);
    }

    /// <summary>
    /// The daemon's key when it has one, else an in-memory key; never writes. For read-only runs (<c>check</c>), which
    /// then compare against the daemon's fingerprint history.
    /// </summary>
    public static Fingerprinter LoadOrEphemeral(string stateDir)
    {
        var path = Path.Combine(stateDir, KeyFileName);
        try
        {
            return File.Exists(path) ? new Fingerprinter(Convert.FromHexString(File.ReadAllText(path).Trim())) : CreateEphemeral();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return CreateEphemeral();
        }
    }

    /// <summary>An in-memory key for runs whose state dir is not writable (e.g. a read-only <c>check</c>).</summary>
    public static Fingerprinter CreateEphemeral() => new(RandomNumberGenerator.GetBytes(32)) { Ephemeral = true };

    /// <summary>Keyed fingerprint of a token.</summary>
    public Fingerprint Of(string token)
    {
        // The token's UTF-8 bytes live on the stack (or a pooled array for huge ones) and are wiped after use: no
        // garbage copy of a secret is left for the GC, and the start-up scan's ~3,000 tokens allocate nothing here.
        var max = Encoding.UTF8.GetMaxByteCount(token.Length);
        byte[]? rented = max > StackTokenBytes ? ArrayPool<byte>.Shared.Rent(max) : null;
        var utf8 = rented ?? stackalloc byte[StackTokenBytes];
        var length = 0;
        try
        {
            length = Encoding.UTF8.GetBytes(token, utf8);
            return new(Mac(utf8[..length]));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8[..length]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Keyed fingerprint of raw bytes (content versions).</summary>
    public string OfBytes(ReadOnlySpan<byte> data) => Mac(data);

    // One-shot HMACSHA256.HashData sets up a fresh OpenSSL MAC context (key schedule included) per call: ~4 % of a
    // cold scan's CPU for its ~4,000 MACs. A keyed context is reused instead: rented from a small pool (readers run in
    // parallel) and reset by GetHashAndReset. The pool holds at most one context per concurrent reader.
    private string Mac(ReadOnlySpan<byte> data)
    {
        IncrementalHash? hmac;
        lock (_macs)
        {
            _macs.TryPop(out hmac);
        }

        hmac ??= IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        try
        {
            hmac.AppendData(data);
            hmac.GetHashAndReset(mac);
        }
        catch
        {
            hmac.Dispose();
            throw;
        }

        lock (_macs)
        {
            if (_macs.Count < MaxPooledMacs)
            {
                _macs.Push(hmac);
                hmac = null;
            }
        }

        hmac?.Dispose();
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Short keyed id for a personal value (e-mail): <c>acct-&lt;8 hex&gt;</c>.</summary>
    public string AccountId(string value)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("acct:" + value.Trim().ToLowerInvariant()));
        return "acct-" + Convert.ToHexStringLower(mac.AsSpan(0, 4));
    }
}
