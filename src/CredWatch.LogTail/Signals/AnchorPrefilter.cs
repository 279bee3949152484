using System.Text;

namespace CredWatch.LogTail.Signals;

/// <summary>
/// Byte-level prefilter: a line is parsed only when it contains one of the rules' anchors. The search
/// runs over whole read buffers (not per line) in cache-sized blocks: every anchor is looked for with
/// vectorised <see cref="MemoryExtensions.IndexOf{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/> while the block
/// is still in L1/L2, so a buffer without signals costs one memory pass, not one per anchor.
/// </summary>
internal sealed class AnchorPrefilter
{
    public const int Block = 32 * 1024;

    private readonly byte[][] _anchors;
    private readonly int _overlap;

    public AnchorPrefilter(IEnumerable<string> anchors)
    {
        _anchors = [.. anchors.Select(Encoding.UTF8.GetBytes)];
        _overlap = _anchors.Max(a => a.Length) - 1;
    }

    public static AnchorPrefilter ForAllRules() => new(SignalRules.Anchors);

    /// <summary>The first anchor hit at or after <paramref name="from"/> in <paramref name="buffer"/>, or -1.</summary>
    public int NextHit(ReadOnlySpan<byte> buffer, int from)
    {
        for (var start = from; start < buffer.Length; start += Block)
        {
            var end = Math.Min(buffer.Length, start + Block + _overlap);
            var block = buffer[start..end];
            var best = -1;
            foreach (var anchor in _anchors)
            {
                var idx = (best < 0 ? block : block[..Math.Min(block.Length, best + anchor.Length - 1)]).IndexOf(anchor);
                if (idx >= 0 && (best < 0 || idx < best))
                {
                    best = idx;
                }
            }

            if (best >= 0)
            {
                return start + best;
            }
        }

        return -1;
    }

    /// <summary>The first hit that starts in [<paramref name="from"/>, <paramref name="before"/>), or -1.</summary>
    public int FirstHitIn(ReadOnlySpan<byte> buffer, int from, int before)
    {
        var block = buffer[from..Math.Min(buffer.Length, before + _overlap)];
        var best = -1;
        foreach (var anchor in _anchors)
        {
            var idx = (best < 0 ? block : block[..Math.Min(block.Length, best + anchor.Length - 1)]).IndexOf(anchor);
            if (idx >= 0 && (best < 0 || idx < best))
            {
                best = idx;
            }
        }

        return best >= 0 && from + best < before ? from + best : -1;
    }
}
