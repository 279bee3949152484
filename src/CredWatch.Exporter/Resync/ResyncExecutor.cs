using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// Writes planned repairs into one <c>auth-profiles.json</c> the way OpenClaw does: take its lock,
/// re-read, re-check each precondition (the copy still holds the stale refresh token we planned to
/// replace), patch only the oauth fields, back up, write atomically, re-read and verify, release.
/// </summary>
internal sealed class ResyncExecutor(
    ResyncOptions options,
    Stores.Fingerprinter fingerprinter,
    TimeProvider time,
    ILogger logger)
{
    public async Task<IReadOnlyList<ResyncOutcome>> RepairJsonStoreAsync(
        string storePath,
        IReadOnlyList<PlannedRepair> repairs,
        CancellationToken cancellationToken)
    {
        if (repairs.Count == 0)
        {
            return [];
        }

        // Resolved once: the lock, the read and the write all use this path, so a directory swapped for a symlink
        // between them cannot redirect the write.
        if (ResolveTarget(storePath, out var refusal) is not { } resolved)
        {
            return repairs.Select(r => Fail(r, ResyncReasons.UnsafePath, refusal!)).ToList();
        }

        storePath = resolved;
        var acquisition = await OpenClawLock.AcquireAsync(storePath, options.Lock, time, logger, cancellationToken);
        if (acquisition.Lock is not { } held)
        {
            return repairs.Select(r => Fail(r, acquisition.FailureReason ?? ResyncReasons.LockTimeout, acquisition.Detail ?? "lock not acquired")).ToList();
        }

        await using (held)
        {
            RemoveOrphanedTempFiles(storePath);
            byte[] before;
            try
            {
                var info = new FileInfo(storePath);
                if (info.Length > AuthProfilesPatcher.MaxStoreBytes)
                {
                    return repairs.Select(r => Fail(r, ResyncReasons.MalformedStore, "store larger than 4 MiB")).ToList();
                }

                before = await File.ReadAllBytesAsync(storePath, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return repairs.Select(r => Fail(r, ResyncReasons.ReadFailed, "cannot read store: " + ex.GetType().Name)).ToList();
            }

            var (accepted, outcomes) = CheckPreconditions(before, repairs);
            if (accepted.Count == 0)
            {
                return outcomes;
            }

            var patch = AuthProfilesPatcher.Patch(before, accepted.ToDictionary(r => r.Candidate.ProfileId, r => r.NewTokens, StringComparer.Ordinal));
            if (patch.Content is null)
            {
                outcomes.AddRange(accepted.Select(r => Fail(r, ResyncReasons.MalformedStore, patch.Error ?? "nothing patchable")));
                return outcomes;
            }

            if (!held.IsStillHeld())
            {
                outcomes.AddRange(accepted.Select(r => Fail(r, ResyncReasons.LockLost, "lock taken over before writing")));
                return outcomes;
            }

            string? backup = null;
            try
            {
                backup = BackupRotator.Write(storePath, before, time, options.BackupCount);
                AtomicFileWriter.Write(storePath, patch.Content);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                outcomes.AddRange(accepted.Select(r => Fail(r, ResyncReasons.WriteFailed, "write failed: " + ex.GetType().Name)));
                return outcomes;
            }

            byte[] after;
            try
            {
                after = await File.ReadAllBytesAsync(storePath, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                outcomes.AddRange(accepted.Select(r => Fail(r, ResyncReasons.VerifyFailed, "cannot re-read store: " + ex.GetType().Name)));
                return outcomes;
            }

            outcomes.AddRange(Verify(after, accepted, backup));
            return outcomes;
        }
    }

    /// <summary>
    /// A writer killed between create and rename leaves <c>&lt;store&gt;.&lt;uuid&gt;.tmp</c> (tokens, 0600) behind.
    /// Under the lock, one older than the stale limit belongs to nobody alive: remove it.
    /// </summary>
    private void RemoveOrphanedTempFiles(string storePath)
    {
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(storePath)) ?? ".";
            foreach (var tmp in Directory.EnumerateFiles(dir, Path.GetFileName(storePath) + ".*.tmp"))
            {
                if (time.GetUtcNow() - File.GetLastWriteTimeUtc(tmp) > options.Lock.StaleAfter)
                {
                    File.Delete(tmp);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Cosmetic: OpenClaw ignores *.tmp; never let cleanup block a repair.
        }
    }

    /// <summary>Per profile: does the stored copy still hold the stale refresh token we planned to replace?</summary>
    internal (List<PlannedRepair> Accepted, List<ResyncOutcome> Outcomes) CheckPreconditions(ReadOnlySpan<byte> current, IReadOnlyList<PlannedRepair> repairs)
    {
        var accepted = new List<PlannedRepair>();
        var outcomes = new List<ResyncOutcome>();
        if (!AuthProfilesPatcher.IsValidStore(current))
        {
            outcomes.AddRange(repairs.Select(r => Fail(r, ResyncReasons.MalformedStore, "store is not valid JSON")));
            return (accepted, outcomes);
        }

        foreach (var r in repairs)
        {
            var stored = AuthProfilesPatcher.ReadProfile(current, r.Candidate.ProfileId);
            if (stored is null || !stored.IsOAuth)
            {
                outcomes.Add(Fail(r, ResyncReasons.PreconditionChanged, "profile gone or no longer oauth"));
                continue;
            }

            var storedRefresh = string.IsNullOrEmpty(stored.Refresh) ? null : fingerprinter.Of(stored.Refresh).Hex;
            if (storedRefresh is not null && storedRefresh == fingerprinter.Of(r.NewTokens.Refresh).Hex)
            {
                outcomes.Add(new ResyncOutcome(r.Candidate.AgentId, r.Candidate.ProfileId, r.Candidate.ProfileDisplayId, r.Candidate.Provider,
                    ResyncAction.InSync, ResyncReasons.NotStale, "already holds the source's tokens"));
                continue;
            }

            if (!string.Equals(storedRefresh, r.Candidate.Copy.RefreshFingerprint, StringComparison.Ordinal))
            {
                outcomes.Add(Fail(r, ResyncReasons.PreconditionChanged, "copy changed since it was judged stale"));
                continue;
            }

            accepted.Add(r);
        }

        return (accepted, outcomes);
    }

    internal List<ResyncOutcome> Verify(ReadOnlySpan<byte> after, IReadOnlyList<PlannedRepair> accepted, string? backup)
    {
        var outcomes = new List<ResyncOutcome>();
        foreach (var r in accepted)
        {
            var p = AuthProfilesPatcher.ReadProfile(after, r.Candidate.ProfileId);
            var ok = p is { IsOAuth: true, Access: { } a, Refresh: { } f }
                && p.ExpiresAtMs == r.NewTokens.ExpiresAtMs
                && fingerprinter.Of(a) == fingerprinter.Of(r.NewTokens.Access)
                && fingerprinter.Of(f) == fingerprinter.Of(r.NewTokens.Refresh);
            outcomes.Add(ok
                ? new ResyncOutcome(r.Candidate.AgentId, r.Candidate.ProfileId, r.Candidate.ProfileDisplayId, r.Candidate.Provider,
                    ResyncAction.Repaired, null, $"repaired from {r.Candidate.Source.Store}", r.Decision.Proof, backup)
                : Fail(r, ResyncReasons.VerifyFailed, "re-read copy does not match the source", backup));
        }

        return outcomes;
    }

    /// <summary>
    /// The store's path with its directory resolved (realpath), or null with a reason when a directory on the way is
    /// a symbolic link owned by another user (not root, not CredWatch's user): that user could point it elsewhere.
    /// </summary>
    internal static string? ResolveTarget(string storePath, out string? refusal)
    {
        refusal = null;
        var full = Path.GetFullPath(storePath);
        var dir = Path.GetDirectoryName(full) ?? "/";
        if (UnixNative.IsLinux)
        {
            var me = UnixNative.Uid;
            for (var d = dir; d is not null; d = Path.GetDirectoryName(d))
            {
                if (new DirectoryInfo(d).LinkTarget is not null && UnixNative.GetLinkOwner(d) is { } owner && owner.Uid != 0 && owner.Uid != me)
                {
                    refusal = $"{d} is a symbolic link owned by uid {owner.Uid}, not by this user or root; not following it";
                    return null;
                }
            }
        }

        return Path.Combine(UnixNative.ResolvePath(dir), Path.GetFileName(full));
    }

    internal static ResyncOutcome Fail(PlannedRepair r, string reason, string detail, string? backup = null) =>
        new(r.Candidate.AgentId, r.Candidate.ProfileId, r.Candidate.ProfileDisplayId, r.Candidate.Provider,
            ResyncAction.Failed, reason, detail, r.Decision.Proof, backup);
}
