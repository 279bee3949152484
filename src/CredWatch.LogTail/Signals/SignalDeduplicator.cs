namespace CredWatch.LogTail.Signals;

/// <summary>
/// Counts failures, not lines. OpenClaw 2026.9.6 names one failed refresh in ~5 lines within ~1 s,
/// only 2 of which carry the run id (docs/openclaw-observed.md); older builds repeat it inside "All models failed"
/// lines. The rule, per (signal, provider):
/// <list type="bullet">
/// <item>a (signal, provider, run id) already counted is never counted again (bounded memory);</item>
/// <item>a line within <c>window</c> of the first line of the current episode joins that episode unless
/// both carry run ids and they differ (then it is a different run's failure: counted);</item>
/// <item>otherwise the line opens a new episode and is counted.</item>
/// </list>
/// The episode is anchored at its first line (not sliding), so a provider failing again and again with
/// no run ids is still counted once per window, never merged forever. OpenClaw 2026.9.6 coalesces repeated auth
/// fallback decisions: the same decision again within 30 s is not logged, and the next line 30–60 s after the last
/// one says "(N duplicates suppressed in last 30s)". Such a line reports the failure episode its key already
/// opened (at most <see cref="CoalescingHorizon"/> before): it is not a new failure (no double count), and the
/// suppressed repeats were that same failure; seen without its episode (CredWatch started mid-episode, the first
/// line rotated away) it counts once (no loss). Lanes are not part of the key:
/// one failure is logged under several lanes (<c>main</c>, <c>session:agent:main:main</c>).
/// Not thread-safe: one instance per reading loop.
/// </summary>
internal sealed class SignalDeduplicator(TimeSpan window, int memory = 4096)
{
    private readonly Dictionary<string, Episode> _episodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenRuns = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();

    public TimeSpan Window { get; } = window;

    /// <summary>OpenClaw logs a coalesced line at most twice its 30 s window after the previous line of the same decision.</summary>
    public static readonly TimeSpan CoalescingHorizon = TimeSpan.FromSeconds(60);

    /// <summary>True when the signal is a new failure that must be counted.</summary>
    public bool Accept(DedupeMode mode, LogSignal signal) => mode switch
    {
        DedupeMode.None => true,
        DedupeMode.PerRun => signal.RunId is null || Remember($"{signal.Signal}|{signal.RunId}"),
        _ => AcceptEpisode(signal),
    };

    private bool AcceptEpisode(LogSignal signal)
    {
        var key = $"{signal.Signal}|{signal.ProviderName ?? signal.Provider}";
        var runKey = signal.RunId is null ? null : $"{key}|{signal.RunId}";
        if (runKey is not null && _seenRuns.Contains(runKey))
        {
            return false;
        }

        if (signal.SuppressedDuplicates is > 0 && _episodes.TryGetValue(key, out var open)
            && (signal.Time - open.Last).Duration() <= CoalescingHorizon)
        {
            open.Last = signal.Time;
            Remember(runKey);
            return false;
        }

        if (_episodes.TryGetValue(key, out var ep)
            && (signal.Time - ep.Start).Duration() <= Window
            && (ep.RunId is null || signal.RunId is null || string.Equals(ep.RunId, signal.RunId, StringComparison.Ordinal)))
        {
            if (runKey is not null && ep.RunId is null)
            {
                ep.RunId = signal.RunId;
                Remember(runKey);
            }

            ep.Last = signal.Time;
            return false;
        }

        if (_episodes.Count >= memory)
        {
            _episodes.Clear();
        }

        _episodes[key] = new Episode { Start = signal.Time, Last = signal.Time, RunId = signal.RunId };
        Remember(runKey);
        return true;
    }

    private bool Remember(string? key)
    {
        if (key is null || !_seenRuns.Add(key))
        {
            return false;
        }

        _seenOrder.Enqueue(key);
        if (_seenOrder.Count > memory)
        {
            _seenRuns.Remove(_seenOrder.Dequeue());
        }

        return true;
    }

    /// <summary>What must survive a restart with the positions: open episodes and the run ids already counted.</summary>
    public DedupeState Export() => new()
    {
        Episodes = _episodes.ToDictionary(kv => kv.Key, kv => new DedupeEpisode { Start = kv.Value.Start, RunId = kv.Value.RunId }, StringComparer.Ordinal),
        Runs = [.. _seenOrder],
    };

    /// <summary>Restores what <see cref="Export"/> saved (from the positions file).</summary>
    public void Import(DedupeState? state)
    {
        if (state is null)
        {
            return;
        }

        foreach (var (key, ep) in state.Episodes.Take(memory))
        {
            _episodes[key] = new Episode { Start = ep.Start, RunId = ep.RunId };
        }

        foreach (var run in state.Runs.TakeLast(memory))
        {
            Remember(run);
        }
    }

    private sealed class Episode
    {
        public DateTimeOffset Start { get; init; }

        /// <summary>The episode's latest line (coalesced lines continue an episode from here).</summary>
        public DateTimeOffset Last { get; set; }

        public string? RunId { get; set; }
    }
}
