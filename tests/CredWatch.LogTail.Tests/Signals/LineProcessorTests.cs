using System.Text;
using CredWatch.LogTail.Signals;

namespace CredWatch.LogTail.Tests.Signals;

public sealed class LineProcessorTests
{
    /// <summary>Feeds the bytes in random chunk sizes, the way reads arrive, carrying the unconsumed tail.</summary>
    private static (List<LogSignal> Signals, long Lines, long TooLong) Feed(byte[] bytes, int cap, int seed)
    {
        var signals = new List<LogSignal>();
        var pipeline = new SignalPipeline(TimeProvider.System, TimeSpan.Zero, null, null, signals.Add);
        var p = new LineProcessor(cap, pipeline);
        var rnd = new Random(seed);
        var buffer = new byte[(cap * 2) + 70_000];
        int carry = 0, at = 0;
        while (at < bytes.Length)
        {
            var n = Math.Min(rnd.Next(1, 65_536), Math.Min(bytes.Length - at, buffer.Length - carry));
            bytes.AsSpan(at, n).CopyTo(buffer.AsSpan(carry));
            at += n;
            var data = buffer.AsSpan(0, carry + n);
            var consumed = p.Process(data, "t");
            carry = data.Length - consumed;
            data[consumed..].CopyTo(buffer);
        }

        return (signals, pipeline.LinesSeen, pipeline.SkippedTooLong);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Fast_and_exact_paths_agree_on_lines_signals_and_over_cap_lines(int seed)
    {
        const int Cap = 4096;
        var rnd = new Random(seed);
        var sb = new StringBuilder();
        int expectedLines = 0, expectedSignals = 0, expectedTooLong = 0;
        for (var i = 0; i < 3000; i++)
        {
            string line;
            var kind = rnd.Next(100);
            if (kind < 3)
            {
                line = $"Subagent completion direct announce failed for run r{i}: " + new string('x', rnd.Next(Cap, Cap * 5));
                expectedTooLong++;
            }
            else if (kind < 10)
            {
                line = TestLines.Console($"Subagent completion direct announce failed for run r{i}: timeout");
                expectedSignals++;
            }
            else
            {
                line = TestLines.Noise(i, rnd.Next(0, 2000));
            }

            expectedLines++;
            sb.Append(line).Append(rnd.Next(5) == 0 ? "\r\n" : "\n");
        }

        var (signals, lines, tooLong) = Feed(Encoding.UTF8.GetBytes(sb.ToString()), Cap, seed);
        lines.Should().Be(expectedLines);
        tooLong.Should().Be(expectedTooLong);
        signals.Should().HaveCount(expectedSignals);
        signals.Select(s => s.RunId).Should().OnlyHaveUniqueItems();
    }
}
