using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// OpenClaw's per-file write lock: <c>&lt;realpath(dir)&gt;/&lt;file&gt;.lock</c> created with O_EXCL holding
/// <c>{"pid","createdAt"}</c>. Also honours the pre-2026 proper-lockfile directory of the same name.
/// Stale locks are taken over under a <c>.reclaim</c> guard (the name OpenClaw's own reclaimer uses),
/// and only if the lock is still byte-for-byte the one judged stale, so two takers never both win.
/// </summary>
internal sealed class OpenClawLock : IAsyncDisposable
{
    private const int MaxLockBytes = 64 * 1024;

    private readonly byte[] _payload;
    private readonly ILogger _logger;
    private int _released;

    private OpenClawLock(string lockPath, byte[] payload, ILogger logger)
    {
        LockPath = lockPath;
        _payload = payload;
        _logger = logger;
    }

    public string LockPath { get; }

    public static string LockPathFor(string targetFile)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(targetFile)) ?? ".";
        return Path.Combine(UnixNative.ResolvePath(dir), Path.GetFileName(targetFile) + ".lock");
    }

    public static async Task<LockAcquisition> AcquireAsync(
        string targetFile,
        OpenClawLockOptions options,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var lockPath = LockPathFor(targetFile);
        var takeOvers = 0;
        var waits = 0;
        // Bounded: each take-over removes one stale holder; a steady stream of stale locks is a fault.
        for (var round = 0; round < options.Retries + 16; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var payload = CreatePayload(time);
            try
            {
                using (var fs = new FileStream(lockPath, ExclusiveCreate()))
                {
                    fs.Write(payload);
                    fs.Flush(flushToDisk: true);
                }

                return new LockAcquisition(new OpenClawLock(lockPath, payload, logger), null, null, takeOvers);
            }
            catch (UnauthorizedAccessException ex)
            {
                return new LockAcquisition(null, ResyncReasons.LockError, "permission denied creating lock: " + ex.GetType().Name, takeOvers);
            }
            catch (DirectoryNotFoundException)
            {
                return new LockAcquisition(null, ResyncReasons.LockError, "store directory missing", takeOvers);
            }
            catch (IOException)
            {
                // Held by someone (judged below), or released since our create failed: then retry at once. One check,
                // in the handler: two exception filters could each see a different holder come and go.
                if (!File.Exists(lockPath) && !Directory.Exists(lockPath))
                {
                    continue;
                }
            }

            var verdict = JudgeExisting(lockPath, options, time);
            if (verdict.Stale && TryReclaim(lockPath, verdict, options, time))
            {
                takeOvers++;
                ResyncLog.LockTakenOver(logger, lockPath, verdict.Why);
                continue;
            }

            if (waits >= options.Retries)
            {
                return new LockAcquisition(null, ResyncReasons.LockTimeout, $"lock held ({verdict.Why}) after {waits} retries", takeOvers);
            }

            var delay = Backoff(options, waits++);
            await Task.Delay(delay, time, cancellationToken);
        }

        return new LockAcquisition(null, ResyncReasons.LockTimeout, "lock kept reappearing stale", takeOvers);
    }

    /// <summary>True while the lock file on disk is still the one we created (nobody took it over).</summary>
    public bool IsStillHeld()
    {
        var current = ReadBounded(LockPath);
        return current is not null && current.AsSpan().SequenceEqual(_payload);
    }

    /// <summary>Delete only if still ours: a take-over by someone else is theirs to release.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            if (IsStillHeld())
            {
                try
                {
                    File.Delete(LockPath);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    ResyncLog.LockReleaseFailed(_logger, LockPath);
                }
            }
            else
            {
                ResyncLog.LockLostBeforeRelease(_logger, LockPath);
            }
        }

        return ValueTask.CompletedTask;
    }

    internal static TimeSpan Backoff(OpenClawLockOptions options, int attempt)
    {
        var ms = options.MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        return TimeSpan.FromMilliseconds(Math.Min(ms, options.MaxBackoff.TotalMilliseconds));
    }

    private static byte[] CreatePayload(TimeProvider time)
    {
        var pid = Environment.ProcessId;
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteNumber("pid", pid);
            w.WriteString("createdAt", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            // OpenClaw (2026.9+) compares this with /proc to detect pid reuse; recording it keeps us reclaimable by it.
            if (UnixNative.ProcessStartTime(pid) is { } start)
            {
                w.WriteNumber("starttime", start);
            }

            // Makes "still ours" exact even for two acquisitions by one process within one millisecond.
            w.WriteString("owner", "credwatch:" + Guid.NewGuid().ToString("N"));
            w.WriteEndObject();
        }

        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }

    private static StaleVerdict JudgeExisting(string lockPath, OpenClawLockOptions options, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (Directory.Exists(lockPath))
        {
            // proper-lockfile keeps a live lock's mtime fresh; an old mtime means its owner is gone.
            var age = now - Directory.GetLastWriteTimeUtc(lockPath);
            return new StaleVerdict(age > options.StaleAfter, true, null, age > options.StaleAfter ? "old lock directory" : "lock directory held");
        }

        var raw = ReadBounded(lockPath);
        if (raw is null)
        {
            return new StaleVerdict(false, false, null, "vanished");
        }

        int? pid = null;
        long? starttime = null;
        DateTimeOffset? createdAt = null;
        try
        {
            // OpenClaw 2026.9 appends a whitespace ownership token after the JSON: whitespace to a JSON parser.
            using var doc = JsonDocument.Parse(raw);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                pid = Pid(root);
                if (root.TryGetProperty("starttime", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var sv))
                {
                    starttime = sv;
                }

                if (root.TryGetProperty("createdAt", out var c) && c.ValueKind == JsonValueKind.String
                    && DateTimeOffset.TryParse(c.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var cv))
                {
                    createdAt = cv;
                }
            }
        }
        catch (JsonException)
        {
            // A lock being written right now is empty or partial: judge it by its file age instead.
        }

        if (pid is { } live)
        {
            if (UnixNative.IsProcessDead(live))
            {
                return new StaleVerdict(true, false, raw, "owner process dead");
            }

            if (starttime is { } recorded && UnixNative.ProcessStartTime(live) is { } observed && observed != recorded)
            {
                return new StaleVerdict(true, false, raw, "owner pid reused");
            }

            // OpenClaw 2026.9.6 (fs-safe) judges a lock that names a pid by the pid alone: a live owner keeps
            // its lock however old it is (a slow refresh may hold it past 30 s). Taking it over by age would
            // let two writers interleave, so age decides only for locks without a pid (the shared format notes differ).
            return new StaleVerdict(false, false, raw, "lock held by a live owner");
        }

        var born = createdAt ?? SafeMtime(lockPath) ?? now;
        var stale = now - born > options.StaleAfter;
        return new StaleVerdict(stale, false, raw, stale ? "lock without owner pid older than stale limit" : "lock without owner pid, younger than stale limit");
    }

    private static bool TryReclaim(string lockPath, StaleVerdict verdict, OpenClawLockOptions options, TimeProvider time)
    {
        var guard = lockPath + ".reclaim";
        if (!TryCreateGuard(guard))
        {
            // Another reclaimer is at work; a guard left by a crashed one is stale like a lock: its pid
            // is dead (ours record one) or it is older than the stale limit (OpenClaw's directory guard).
            var guardMtime = SafeMtime(guard);
            var guardRaw = File.Exists(guard) ? ReadBounded(guard) : null;
            var guardOwnerDead = guardRaw is not null && GuardPid(guardRaw) is { } gp && UnixNative.IsProcessDead(gp);
            if (guardOwnerDead || (guardMtime is { } m && time.GetUtcNow() - m > options.StaleAfter))
            {
                var again = File.Exists(guard) ? ReadBounded(guard) : null;
                if (guardRaw is null || (again is not null && again.AsSpan().SequenceEqual(guardRaw)))
                {
                    TryDeleteAny(guard);
                }
            }

            return false;
        }

        try
        {
            if (verdict.IsDirectory)
            {
                if (!Directory.Exists(lockPath))
                {
                    return true;
                }

                var age = time.GetUtcNow() - Directory.GetLastWriteTimeUtc(lockPath);
                if (age <= options.StaleAfter)
                {
                    return false;
                }

                Directory.Delete(lockPath, recursive: true);
                return true;
            }

            // Remove only the exact lock judged stale: if it was released and re-taken meanwhile, it is live.
            var now = ReadBounded(lockPath);
            if (now is null)
            {
                return true;
            }

            if (verdict.Raw is null || !now.AsSpan().SequenceEqual(verdict.Raw))
            {
                return false;
            }

            File.Delete(lockPath);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            TryDeleteAny(guard);
        }
    }

    /// <summary>O_CREAT|O_EXCL, 0600; shared so readers judging the lock never trip .NET's advisory flock.</summary>
    private static FileStreamOptions ExclusiveCreate()
    {
        var o = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete };
        if (!OperatingSystem.IsWindows())
        {
            o.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return o;
    }

    private static bool TryCreateGuard(string guard)
    {
        try
        {
            using var fs = new FileStream(guard, ExclusiveCreate());
            fs.Write(Encoding.UTF8.GetBytes($"{{\"pid\":{Environment.ProcessId}}}\n"));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int? GuardPid(byte[] raw)
    {
        try
        {
            using var doc = JsonDocument.Parse(raw);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? Pid(doc.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? Pid(JsonElement lockObject) =>
        lockObject.TryGetProperty("pid", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var v) && v > 0 ? v : null;

    private static void TryDeleteAny(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: false);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover guard is judged stale by the next taker.
        }
    }

    /// <summary>Modification time of a file or directory, null when there is none.</summary>
    private static DateTimeOffset? SafeMtime(string path)
    {
        try
        {
            return File.Exists(path) ? File.GetLastWriteTimeUtc(path)
                : Directory.Exists(path) ? Directory.GetLastWriteTimeUtc(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static byte[]? ReadBounded(string path)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buf = new byte[MaxLockBytes];
            return buf[..fs.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record StaleVerdict(bool Stale, bool IsDirectory, byte[]? Raw, string Why);
}
