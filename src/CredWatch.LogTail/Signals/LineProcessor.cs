namespace CredWatch.LogTail.Signals;

/// <summary>
/// Splits bytes into lines (LF; a trailing CR is dropped) and hands the lines that hold an anchor to the
/// pipeline. Only complete lines are consumed: a partial last line stays unconsumed until its newline
/// arrives. A line longer than the cap is counted as skipped and its bytes are dropped as they arrive
/// (<see cref="Discarding"/>), so memory never grows with line length.
/// </summary>
internal sealed class LineProcessor(int maxLineBytes, SignalPipeline pipeline)
{
    private readonly AnchorPrefilter _prefilter = AnchorPrefilter.ForAllRules();

    /// <summary>True while inside an over-cap line whose newline has not arrived yet (persisted with the position).</summary>
    public bool Discarding { get; set; }

    public int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>Consumes complete lines from <paramref name="data"/>; returns how many bytes were consumed.</summary>
    public int Process(ReadOnlySpan<byte> data, string origin)
    {
        var pos = 0;
        if (Discarding)
        {
            var nl = data.IndexOf((byte)'\n');
            if (nl < 0)
            {
                return data.Length;
            }

            Discarding = false;
            pos = nl + 1;
        }

        var lastNl = data[pos..].LastIndexOf((byte)'\n');
        if (lastNl >= 0 && !MayHoldLongLine(data.Slice(pos, lastNl + 1)))
        {
            return FastPath(data, pos, pos + lastNl, origin);
        }

        var hit = _prefilter.NextHit(data, pos);
        long lines = 0;
        while (pos < data.Length)
        {
            var rel = data[pos..].IndexOf((byte)'\n');
            if (rel < 0)
            {
                break;
            }

            var end = pos + rel;
            lines++;
            if (rel > MaxLineBytes)
            {
                pipeline.Skipped(SkipReasons.TooLong);
            }
            else if (hit >= 0 && hit < end)
            {
                Candidate(data[pos..end], origin);
            }

            pos = end + 1;
            if (hit >= 0 && hit < pos)
            {
                hit = _prefilter.NextHit(data, pos);
            }
        }

        pipeline.Lines(lines);
        return Partial(data, pos);
    }

    /// <summary>
    /// No line in the region exceeds the cap: count lines with one vectorised pass and visit only the
    /// lines that hold an anchor (found by the buffer-wide prefilter), never every line.
    /// </summary>
    private int FastPath(ReadOnlySpan<byte> data, int pos, int lastNl, string origin)
    {
        // One cache-sized block at a time: newline count and anchor search while the block is hot.
        long lines = 0;
        var searchFrom = pos;
        for (var bs = pos; bs <= lastNl; bs += AnchorPrefilter.Block)
        {
            var be = Math.Min(lastNl + 1, bs + AnchorPrefilter.Block);
            lines += data[bs..be].Count((byte)'\n');
            while (true)
            {
                var from = Math.Max(searchFrom, bs);
                if (from >= be)
                {
                    break;
                }

                var hit = _prefilter.FirstHitIn(data, from, be);
                if (hit < 0)
                {
                    break;
                }

                var start = data[pos..hit].LastIndexOf((byte)'\n');
                start = start < 0 ? pos : pos + start + 1;
                var end = hit + data[hit..].IndexOf((byte)'\n');
                Candidate(data[start..end], origin);
                searchFrom = end + 1;
            }
        }

        pipeline.Lines(lines);
        return Partial(data, lastNl + 1);
    }

    /// <summary>
    /// True when some gap between newlines may exceed the cap: any such gap contains a whole window of
    /// half the cap without a newline. Cheap: one short IndexOf per window.
    /// </summary>
    private bool MayHoldLongLine(ReadOnlySpan<byte> region)
    {
        var step = Math.Max(1, MaxLineBytes / 2);
        for (var s = 0; s + step <= region.Length; s += step)
        {
            if (region.Slice(s, step).IndexOf((byte)'\n') < 0)
            {
                return true;
            }
        }

        return false;
    }

    private void Candidate(ReadOnlySpan<byte> line, string origin) =>
        pipeline.OnCandidateLine(line is [.., (byte)'\r'] ? line[..^1] : line, origin);

    private int Partial(ReadOnlySpan<byte> data, int pos)
    {
        if (data.Length - pos > MaxLineBytes)
        {
            // No newline within the cap: this line will be skipped; drop what we have and the rest until '\n'.
            pipeline.Lines(1);
            pipeline.Skipped(SkipReasons.TooLong);
            Discarding = true;
            return data.Length;
        }

        return pos;
    }
}
