using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace CredWatch.LogTail.Signals;

/// <summary>
/// Byte-level prefilter: a line is parsed only when it contains one of the rules' anchors. All anchors
/// are searched in ONE vectorised pass (a Teddy filter, as in Hyperscan / Rust's aho-corasick): every
/// anchor owns a bucket bit; for the first <see cref="FingerprintLength"/> bytes of the anchors, nibble
/// tables map a byte to the buckets whose anchor has that byte there, looked up 32 bytes at a time with
/// PSHUFB. With one anchor per bucket the fingerprint is an exact prefix match, so common log bytes
/// never trigger a verification, and the cost per byte does not grow with the number of anchors (it
/// did with one IndexOf pass per anchor). Candidates are verified exactly. Without AVX2 it falls back to
/// one vectorised <see cref="MemoryExtensions.IndexOf{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/> per anchor.
/// </summary>
internal sealed class AnchorPrefilter
{
    public const int Block = 32 * 1024;

    private const int MaxFingerprint = 3;

    private readonly byte[][] _anchors;
    private readonly int _overlap;

    // Teddy tables, one pair (low nibble, high nibble) per fingerprint position; both 128-bit lanes hold
    // the same 16 entries because PSHUFB looks up within each lane.
    private readonly Vector256<byte>[] _lo;
    private readonly Vector256<byte>[] _hi;

    // Anchors of each bucket (more than 8 anchors share buckets; then a fingerprint is only a superset).
    private readonly byte[][][] _buckets;

    public AnchorPrefilter(IEnumerable<string> anchors)
    {
        _anchors = [.. anchors.Select(Encoding.UTF8.GetBytes).Where(a => a.Length > 0)];
        if (_anchors.Length == 0)
        {
            throw new ArgumentException("at least one non-empty anchor is required", nameof(anchors));
        }

        _overlap = _anchors.Max(a => a.Length) - 1;
        FingerprintLength = Math.Min(MaxFingerprint, _anchors.Min(a => a.Length));
        _lo = new Vector256<byte>[FingerprintLength];
        _hi = new Vector256<byte>[FingerprintLength];
        _buckets = [.. Enumerable.Range(0, 8).Select(b => _anchors.Where((_, k) => k % 8 == b).ToArray())];
        for (var m = 0; m < FingerprintLength; m++)
        {
            var lo = new byte[32];
            var hi = new byte[32];
            for (var k = 0; k < _anchors.Length; k++)
            {
                var bit = (byte)(1 << (k % 8));
                var b = _anchors[k][m];
                lo[b & 0xF] |= bit;
                lo[16 + (b & 0xF)] |= bit;
                hi[b >> 4] |= bit;
                hi[16 + (b >> 4)] |= bit;
            }

            _lo[m] = Vector256.Create(lo);
            _hi[m] = Vector256.Create(hi);
        }
    }

    /// <summary>How many leading bytes of every anchor the vector filter compares (at most 3).</summary>
    public int FingerprintLength { get; }

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
        if (from < 0 || from >= before)
        {
            return -1;
        }

        return Avx2.IsSupported ? Teddy(buffer, from, before) : PerAnchor(buffer, from, before);
    }

    private int Teddy(ReadOnlySpan<byte> buffer, int from, int before)
    {
        var p = from;
        ref var start = ref MemoryMarshal.GetReference(buffer);

        // Vector steps while every fingerprint load stays inside the buffer; the few positions after that
        // are checked one by one.
        var lastVector = buffer.Length - FingerprintLength - Vector256<byte>.Count + 1;
        var nibble = Vector256.Create((byte)0x0F);
        var lo0 = _lo[0];
        var hi0 = _hi[0];
        var lo1 = FingerprintLength > 1 ? _lo[1] : Vector256<byte>.AllBitsSet;
        var hi1 = FingerprintLength > 1 ? _hi[1] : Vector256<byte>.AllBitsSet;
        var lo2 = FingerprintLength > 2 ? _lo[2] : Vector256<byte>.AllBitsSet;
        var hi2 = FingerprintLength > 2 ? _hi[2] : Vector256<byte>.AllBitsSet;
        var o1 = (nuint)Math.Min(1, FingerprintLength - 1);
        var o2 = (nuint)Math.Min(2, FingerprintLength - 1);
        while (p < before && p <= lastVector)
        {
            // A byte's buckets = lo[its low nibble] & hi[its high nibble]; ANDed over the fingerprint
            // positions: non-zero where some anchor's prefix starts.
            var v0 = Vector256.LoadUnsafe(ref start, (nuint)p);
            var v1 = Vector256.LoadUnsafe(ref start, (nuint)p + o1);
            var v2 = Vector256.LoadUnsafe(ref start, (nuint)p + o2);
            var r = Avx2.Shuffle(lo0, v0 & nibble) & Avx2.Shuffle(hi0, Avx2.ShiftRightLogical(v0.AsUInt16(), 4).AsByte() & nibble);
            r &= Avx2.Shuffle(lo1, v1 & nibble) & Avx2.Shuffle(hi1, Avx2.ShiftRightLogical(v1.AsUInt16(), 4).AsByte() & nibble);
            r &= Avx2.Shuffle(lo2, v2 & nibble) & Avx2.Shuffle(hi2, Avx2.ShiftRightLogical(v2.AsUInt16(), 4).AsByte() & nibble);
            var mask = ~Vector256.Equals(r, Vector256<byte>.Zero).ExtractMostSignificantBits();
            while (mask != 0)
            {
                var i = p + BitOperations.TrailingZeroCount(mask);
                if (i >= before)
                {
                    return -1;
                }

                if (StartsAnchor(buffer, i, r.GetElement(i - p)))
                {
                    return i;
                }

                mask &= mask - 1;
            }

            p += Vector256<byte>.Count;
        }

        for (; p < before; p++)
        {
            if (StartsAnchor(buffer, p, 0xFF))
            {
                return p;
            }
        }

        return -1;
    }

    private bool StartsAnchor(ReadOnlySpan<byte> buffer, int i, byte buckets)
    {
        var rest = buffer[i..];
        while (buckets != 0)
        {
            foreach (var a in _buckets[BitOperations.TrailingZeroCount(buckets)])
            {
                if (rest.StartsWith(a))
                {
                    return true;
                }
            }

            buckets &= (byte)(buckets - 1);
        }

        return false;
    }

    /// <summary>Fallback: one vectorised search per anchor over the range.</summary>
    private int PerAnchor(ReadOnlySpan<byte> buffer, int from, int before)
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
