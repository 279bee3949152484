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
    private readonly SignalDeduplicator _dedupe = new(dedupeWindow);

    public long LinesSeen { get; private set; }

    public SignalDeduplicator Deduplicator => _dedupe;

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
        if (outcome == LogLineParser.Outcome.InvalidUtf8)
        {
            Skipped(SkipReasons.InvalidUtf8);
        }
        else if (outcome == LogLineParser.Outcome.InvalidJson)
        {
            Skipped(SkipReasons.InvalidJson);
        }

        OnParsedLine(parsed, origin);
    }

    public void OnParsedLine(LogLine parsed, string origin)
    {
        foreach (var (rule, signal) in SignalMatcher.Match(parsed, time.GetUtcNow(), origin))
        {
            if (!_dedupe.Accept(rule.Dedupe, signal))
            {
                continue;
            }

            metrics?.Signal(signal);
            recent?.Add(signal);
            emit(signal);
        }
    }
}
