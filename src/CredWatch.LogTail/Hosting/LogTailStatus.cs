using CredWatch.LogTail.Signals;

namespace CredWatch.LogTail.Hosting;

/// <summary>What <c>/api/status</c> shows of LogTail: the files followed and the most recent signals (no message text).</summary>
public sealed class LogTailStatus(RecentSignals recent)
{
    private volatile string[] _files = [];

    public IReadOnlyList<string> FollowedFiles => _files;

    /// <summary>Newest first; identifiers only (run ids, requester chat/topic).</summary>
    public IReadOnlyList<LogSignal> RecentSignals => recent.Snapshot();

    public bool JournaldEnabled { get; internal set; }

    internal void SetFiles(IEnumerable<string> files) => _files = [.. files];
}
