using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Holds the web config in force. The first load throws (start is refused with the key named);
/// later reloads that fail keep the last good config, log the reason and count it. Options are read lazily:
/// Kestrel resolves this store while the app is built, before options are validated.
/// </summary>
internal sealed class WebConfigStore(IOptions<WebSecurityOptions> options, WebSecurityMetrics metrics, ILogger<WebConfigStore> logger)
{
    private readonly Lock _gate = new();
    private ActiveWebConfig _current = ActiveWebConfig.None;
    private bool _loaded;

    // Digest of the bytes last tried (good or bad), so a broken file is reported once, not once per poll.
    // It covers key files, so it is kept in memory only and never logged.
    private byte[] _lastAttempt = [];

    public string? ConfigFile => string.IsNullOrWhiteSpace(options.Value.ConfigFile) ? null : Path.GetFullPath(options.Value.ConfigFile);

    public ActiveWebConfig Current
    {
        get
        {
            EnsureLoaded();
            return Volatile.Read(ref _current);
        }
    }

    /// <summary>Raised after a successful reload (not after the first load).</summary>
    public event Action<ActiveWebConfig>? Reloaded;

    /// <summary>Loads the file once; throws <see cref="WebConfigException"/> when it is unusable.</summary>
    public void EnsureLoaded()
    {
        if (Volatile.Read(ref _loaded))
        {
            return;
        }

        lock (_gate)
        {
            if (_loaded)
            {
                return;
            }

            var path = ConfigFile;
            if (path is not null)
            {
                var (config, tls, digest) = Load(path);
                _lastAttempt = digest;
                var active = new ActiveWebConfig(config, tls, 1, path);
                Volatile.Write(ref _current, active);
                metrics.Reload(success: true);
                WebSecurityLog.ConfigLoaded(logger, path, tls is not null, config.Tls?.ClientAuthType, config.Users.Count, config.Headers.Count);
            }

            metrics.SetActive(Volatile.Read(ref _current));
            Volatile.Write(ref _loaded, true);
        }
    }

    /// <summary>Re-reads the files when their bytes changed. Returns true when a new config took effect.</summary>
    public bool ReloadIfChanged()
    {
        var path = ConfigFile;
        if (path is null)
        {
            return false;
        }

        EnsureLoaded();
        ActiveWebConfig next;
        lock (_gate)
        {
            var previous = _current;
            byte[] digest;
            try
            {
                digest = Digest(path, ParseFile(path).ReferencedFiles());
            }
            catch (WebConfigException ex)
            {
                // Unparseable: digest the config bytes alone so the same broken file is reported once.
                digest = Digest(path, []);
                if (!digest.AsSpan().SequenceEqual(_lastAttempt))
                {
                    _lastAttempt = digest;
                    Fail(path, ex.Message);
                }

                return false;
            }

            if (digest.AsSpan().SequenceEqual(_lastAttempt))
            {
                return false;
            }

            _lastAttempt = digest;
            try
            {
                var (config, tls, _) = Load(path);
                if ((tls is null) != (previous.Tls is null))
                {
                    throw new WebConfigException("tls_server_config", "turning TLS on or off needs a restart (the listener's scheme is fixed at start)");
                }

                next = new ActiveWebConfig(config, tls, previous.Generation + 1, path);
            }
            catch (WebConfigException ex)
            {
                Fail(path, ex.Message);
                return false;
            }

            Volatile.Write(ref _current, next);
            metrics.SetActive(next);
            metrics.Reload(success: true);
        }

        WebSecurityLog.ConfigReloaded(logger, path, next.Generation, next.Tls is not null, next.Config.Users.Count);
        Reloaded?.Invoke(next);
        return true;
    }

    private void Fail(string path, string reason)
    {
        metrics.Reload(success: false);
        WebSecurityLog.ConfigReloadFailed(logger, path, reason);
    }

    internal static (WebConfig Config, WebTlsMaterial? Tls, byte[] Digest) Load(string path)
    {
        var config = ParseFile(path);
        var tls = config.Tls is null ? null : WebTlsMaterial.Load(config.Tls);
        return (config, tls, Digest(path, config.ReferencedFiles()));
    }

    private static WebConfig ParseFile(string path)
    {
        string text;
        try
        {
            using var file = File.OpenRead(path);
            if (file.Length > WebConfigParser.MaxBytes)
            {
                throw new WebConfigException(string.Empty, $"web config '{path}' is larger than {WebConfigParser.MaxBytes / 1024} KiB; a web config is a few lines");
            }

            using var reader = new StreamReader(file);
            text = reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WebConfigException(string.Empty, $"cannot read web config '{path}': {ex.Message}");
        }

        return WebConfigParser.Parse(text, Path.GetDirectoryName(path) ?? ".");
    }

    private static byte[] Digest(string configPath, IEnumerable<string> referenced)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in referenced.Prepend(configPath))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(file + "\0"));
            try
            {
                hash.AppendData(File.ReadAllBytes(file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A missing file is a state too: its appearance later must count as a change.
                hash.AppendData("\0missing\0"u8);
            }
        }

        return hash.GetHashAndReset();
    }
}
