using System.Text;

namespace CredWatch.LogTail.Signals;

/// <summary>
/// Byte-level prefilter: a line is parsed only when it contains one of the rules' anchors. The search
/// runs over whole read buffers with vectorised <see cref="MemoryExtensions.IndexOf{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>
/// (not per line), caching each anchor's next hit, so a buffer without signals costs one pass per anchor.
/// </summary>
internal sealed class AnchorPrefilter
{
    private readonly byte[][] _anchors;
    private readonly int[] _next;

    public AnchorPrefilter(IEnumerable<string> anchors)
    {
        _anchors = [.. anchors.Select(Encoding.UTF8.GetBytes)];
        _next = new int[_anchors.Length];
    }

    public static AnchorPrefilter ForAllRules() => new(SignalRules.Anchors);

    /// <summary>Starts a new buffer: forget cached hits.</summary>
    public void Reset() => Array.Fill(_next, int.MinValue);

    /// <summary>The first anchor hit at or after <paramref name="from"/> in <paramref name="buffer"/>, or -1.</summary>
    public int NextHit(ReadOnlySpan<byte> buffer, int from)
    {
        var best = -1;
        for (var i = 0; i < _anchors.Length; i++)
        {
            var cached = _next[i];
            if (cached == -1)
            {
                continue;
            }

            if (cached < from)
            {
                var idx = buffer[from..].IndexOf(_anchors[i]);
                cached = idx < 0 ? -1 : from + idx;
                _next[i] = cached;
                if (cached == -1)
                {
                    continue;
                }
            }

            if (best == -1 || cached < best)
            {
                best = cached;
            }
        }

        return best;
    }
}
