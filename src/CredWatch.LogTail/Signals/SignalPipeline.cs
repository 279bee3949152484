using CredWatch.LogTail.Metrics;

namespace CredWatch.LogTail.Signals;

/// <summary>
/// Candidate line → parse → match → de-duplicate → metrics, recent buffer, sinks. One per reading loop
/// (the tailer's, or one per <see cref="Scanning.LogScanner"/> run). Not thread-safe by design.
/// </summary>
internal sealed class SignalPipeline(
    TimeProvider time,
    TimeSpan dedupeWindow,
    LogTailMetrics? metrics,
    RecentSignals? recent,
    Action<LogSignal> emit)
{
    public long LinesSeen { get; private set; }

    public SignalDeduplicator Deduplicator { get; } = new(dedupeWindow);

    public void Lines(long n)
    {
        LinesSeen += n;
        metrics?.AddLines(n);
    }

    public long SkippedTooLong { get; private set; }

    public void Skipped(string reason)
    {
        if (reason == SkipReasons.TooLong)
        {
            SkippedTooLong++;
        }

        metrics?.AddSkipped(reason);
    }

    public void OnCandidateLine(ReadOnlySpan<byte> line, string origin)
    {
        var parsed = LogLineParser.Parse(line, out var outcome);
        if (outcome is LogLineParser.Outcome.InvalidUtf8 or LogLineParser.Outcome.InvalidJson)
        {
            Skipped(outcome == LogLineParser.Outcome.InvalidUtf8 ? SkipReasons.InvalidUtf8 : SkipReasons.InvalidJson);
        }

        OnParsedLine(parsed, origin);
    }

    public void OnParsedLine(LogLine parsed, string origin)
    {
        foreach (var (_, signal) in SignalMatcher.Match(parsed, time.GetUtcNow(), origin).Where(m => Deduplicator.Accept(m.Rule.Dedupe, m.Signal)))
        {
            metrics?.Signal(signal);
            recent?.Add(signal);
            emit(signal);
        }
    }
}
