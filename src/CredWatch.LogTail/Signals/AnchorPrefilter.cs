using System.Buffers;
using System.Text;

namespace CredWatch.LogTail.Signals;

/// <summary>
/// Byte-level prefilter: a line is parsed only when it contains one of the rules' anchors. The anchors are ASCII, so a
/// block widened byte for byte to chars (Latin-1: offsets stay the same, and a UTF-8 byte above 0x7F never equals an
/// ASCII char) is searched for all of them in one vectorised pass by the runtime's multi-string search.
/// </summary>
internal sealed class AnchorPrefilter
{
    public const int Block = 32 * 1024;

    private readonly SearchValues<string> _anchors;
    private readonly int _overlap;
    private readonly char[] _chars;

    public AnchorPrefilter(IEnumerable<string> anchors)
    {
        string[] list = [.. anchors.Where(a => a.Length > 0)];
        if (list.Length == 0 || !list.All(a => Ascii.IsValid(a)))
        {
            throw new ArgumentException("at least one non-empty anchor is required, and anchors are ASCII", nameof(anchors));
        }

        _anchors = SearchValues.Create(list, StringComparison.Ordinal);
        _overlap = list.Max(a => a.Length) - 1;
        _chars = new char[Block + _overlap];
    }

    public static AnchorPrefilter ForAllRules() => new(SignalRules.Anchors);

    /// <summary>The first anchor hit at or after <paramref name="from"/> in <paramref name="buffer"/>, or -1.</summary>
    public int NextHit(ReadOnlySpan<byte> buffer, int from) => FirstHitIn(buffer, from, buffer.Length);

    /// <summary>
    /// The first hit that starts in [<paramref name="from"/>, <paramref name="before"/>), or -1. The
    /// anchor itself may run past <paramref name="before"/> (up to the end of <paramref name="buffer"/>).
    /// </summary>
    public int FirstHitIn(ReadOnlySpan<byte> buffer, int from, int before)
    {
        before = Math.Min(before, buffer.Length);
        for (var start = from; start >= 0 && start < before; start += Block)
        {
            var end = Math.Min(before, start + Block);
            var chars = _chars.AsSpan(0, Encoding.Latin1.GetChars(buffer[start..Math.Min(buffer.Length, end + _overlap)], _chars));
            var hit = chars.IndexOfAny(_anchors);
            if (hit >= 0 && start + hit < end)
            {
                return start + hit;
            }
        }

        return -1;
    }
}
