using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Resync;

/// <summary>Resync log events, ids 2000–2499. Arguments never carry tokens or fingerprints.</summary>
internal static partial class ResyncLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Resync repaired agent {Agent} profile {Profile} from {Source} (proof {Proof}); backup {Backup}")]
    public static partial void Repaired(ILogger logger, string agent, string profile, string source, ResyncProof proof, string? backup);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Resync would repair agent {Agent} profile {Profile} from {Source} (proof {Proof}) [dry run]")]
    public static partial void WouldRepair(ILogger logger, string agent, string profile, string source, ResyncProof proof);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Resync refused agent {Agent} profile {Profile}: {Reason} ({Detail})")]
    public static partial void Refused(ILogger logger, string agent, string profile, string reason, string detail);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Resync failed for agent {Agent} profile {Profile}: {Reason} ({Detail})")]
    public static partial void Failed(ILogger logger, string agent, string profile, string reason, string detail);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Resync: agent {Agent} profile {Profile} needs nothing ({Detail})")]
    public static partial void NothingToDo(ILogger logger, string agent, string profile, string detail);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Took over a stale OpenClaw lock {LockPath}: {Why}")]
    public static partial void LockTakenOver(ILogger logger, string lockPath, string why);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Could not delete our OpenClaw lock {LockPath}; it will go stale")]
    public static partial void LockReleaseFailed(ILogger logger, string lockPath);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "Our OpenClaw lock {LockPath} was taken over before release; left alone")]
    public static partial void LockLostBeforeRelease(ILogger logger, string lockPath);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Resync daemon on (mode {Mode}): stale copies are repaired as they appear")]
    public static partial void DaemonEnabled(ILogger logger, ResyncMode mode);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "Resync pass: {Repaired} repaired, {Failed} failed, {Skipped} refused")]
    public static partial void PassCompleted(ILogger logger, int repaired, int failed, int skipped);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Error, Message = "Resync pass crashed; the next store change retries: {Detail}")]
    public static partial void PassCrashed(ILogger logger, string detail);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Warning, Message = "A resync result subscriber failed: {Detail}")]
    public static partial void SinkFailed(ILogger logger, string detail);
}
