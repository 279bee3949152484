using System.Text;
using CredWatch.LogTail.Signals;

namespace CredWatch.LogTail.Tests.Signals;

/// <summary>The prefilter must find exactly what a plain search per anchor finds, block edges included.</summary>
public sealed class AnchorPrefilterTests
{
    public static TheoryData<string[]> AnchorSets => new()
    {
        { [.. SignalRules.Anchors] },
        { ["ab"] },
        { ["x", "failed"] },

        // Many anchors, sharing first letters with each other.
        { ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo"] },
    };

    [Theory]
    [MemberData(nameof(AnchorSets))]
    public void FirstHitIn_EqualsANaiveSearch_OnRandomBuffers(string[] anchors)
    {
        var prefilter = new AnchorPrefilter(anchors);
        var bytes = anchors.Select(Encoding.UTF8.GetBytes).ToArray();
        var rnd = new Random(1234);
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz \"{}:,\n_ASMI";
        for (var round = 0; round < 300; round++)
        {
            var buffer = new byte[rnd.Next(0, 300)];
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)Alphabet[rnd.Next(Alphabet.Length)];
            }

            // Plant a few anchors (some near the end, some cut off by it).
            for (var k = rnd.Next(0, 4); k > 0 && buffer.Length > 0; k--)
            {
                var a = bytes[rnd.Next(bytes.Length)];
                var at = rnd.Next(buffer.Length);
                a.AsSpan(0, Math.Min(a.Length, buffer.Length - at)).CopyTo(buffer.AsSpan(at));
            }

            var from = buffer.Length == 0 ? 0 : rnd.Next(buffer.Length);
            var before = rnd.Next(from, buffer.Length + 2);
            prefilter.FirstHitIn(buffer, from, before).Should().Be(Naive(buffer, bytes, from, before), $"round {round}, from {from}, before {before}");
            prefilter.NextHit(buffer, from).Should().Be(Naive(buffer, bytes, from, buffer.Length), $"round {round}, from {from}");
        }
    }

    [Fact]
    public void Hits_InLongBuffers_AreFoundAtEveryAlignment()
    {
        var prefilter = AnchorPrefilter.ForAllRules();
        var filler = Encoding.UTF8.GetBytes("{\"0\":\"getUpdates ok updates=0 offset=123\",\"_meta\":{\"logLevelName\":\"INFO\"}}\n");
        foreach (var anchor in SignalRules.Anchors.Select(Encoding.UTF8.GetBytes))
        {
            for (var at = 0; at < 70; at++)
            {
                var buffer = new byte[4096];
                for (var i = 0; i < buffer.Length; i++)
                {
                    buffer[i] = filler[i % filler.Length];
                }

                var pos = 2000 + at;
                anchor.CopyTo(buffer.AsSpan(pos));
                prefilter.NextHit(buffer, 0).Should().Be(pos);
                prefilter.FirstHitIn(buffer, 0, pos).Should().Be(-1, "a hit must start before 'before'");
                prefilter.NextHit(buffer, pos + 1).Should().Be(-1);
            }
        }
    }

    [Fact]
    public void An_anchor_across_a_block_edge_is_found_once_at_its_start()
    {
        var prefilter = AnchorPrefilter.ForAllRules();
        foreach (var anchor in SignalRules.Anchors.Select(Encoding.UTF8.GetBytes))
        {
            for (var back = 0; back <= anchor.Length; back++)
            {
                var buffer = Encoding.UTF8.GetBytes(new string('x', 3 * AnchorPrefilter.Block));
                var pos = AnchorPrefilter.Block - back;
                anchor.CopyTo(buffer.AsSpan(pos));
                prefilter.NextHit(buffer, 0).Should().Be(pos);
                prefilter.NextHit(buffer, 1).Should().Be(pos);
                prefilter.FirstHitIn(buffer, 0, pos + 1).Should().Be(pos, "the anchor may run past 'before'");
                prefilter.FirstHitIn(buffer, 0, pos).Should().Be(-1);
                prefilter.NextHit(buffer, pos + 1).Should().Be(-1);
            }
        }
    }

    [Fact]
    public void Bytes_above_ascii_neither_hide_nor_fake_a_hit()
    {
        var prefilter = new AnchorPrefilter(["failed"]);
        var buffer = Encoding.UTF8.GetBytes("Ünïcödé fäiled \u00e9 failed");

        prefilter.NextHit(buffer, 0).Should().Be(buffer.Length - "failed".Length);
    }

    private static int Naive(byte[] buffer, byte[][] anchors, int from, int before)
    {
        for (var i = from; i < Math.Min(before, buffer.Length); i++)
        {
            if (anchors.Any(a => buffer.AsSpan(i).StartsWith(a)))
            {
                return i;
            }
        }

        return -1;
    }
}
