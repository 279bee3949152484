using System.Text;
using CredWatch.LogTail.Following;
using CredWatch.LogTail.Metrics;
using CredWatch.LogTail.Signals;

namespace CredWatch.LogTail.Tests.Following;

public sealed class TailerTests
{
    private static int[] Runs(CollectingSink sink) =>
        [.. sink.Signals.Where(s => s.Signal == SignalNames.AnnounceFailed).Select(s => int.Parse(s.RunId!["run-".Length..], System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void First_start_reads_from_the_end_and_a_file_appearing_later_from_byte_0()
    {
        using var h = new TailHarness();
        h.StartAfter(TailHarness.AnnounceFailed(1) + "\n");
        h.Append(TailHarness.AnnounceFailed(2) + "\n");
        var other = Path.Combine(h.Dir, "openclaw-2026-11-26.log");
        h.Append(TailHarness.AnnounceFailed(3) + "\n", other);
        h.Poll();
        Runs(h.Sink).Should().BeEquivalentTo([2, 3]);
    }

    [Fact]
    public void Start_at_end_can_be_turned_off()
    {
        using var h = new TailHarness(startAtEnd: false);
        h.StartAfter(TailHarness.AnnounceFailed(1) + "\n");
        Runs(h.Sink).Should().Equal(1);
    }

    [Fact]
    public void Partial_line_is_held_until_its_newline_across_writes_and_a_restart()
    {
        using var h = new TailHarness();
        h.StartAfter(TestLines.Noise(0) + "\n");
        var line = TailHarness.AnnounceFailed(7);
        h.Append(line[..40]);
        h.Poll();
        h.Append(line[40..80]);
        h.Poll();
        h.Restart();
        h.Poll();
        h.Sink.Signals.Should().BeEmpty();
        h.Append(line[80..] + "\r\n");
        h.Poll();
        Runs(h.Sink).Should().Equal(7);
        h.Metrics.LineCount.Should().Be(1);
    }

    [Fact]
    public void Lines_written_while_stopped_are_read_once_after_restart()
    {
        using var h = new TailHarness();
        h.StartAfter(TestLines.Noise(0) + "\n");
        h.Append(TailHarness.AnnounceFailed(1) + "\n");
        h.Poll();
        h.Stop();
        h.StartAfter(TailHarness.AnnounceFailed(2) + "\n");
        h.Poll();
        Runs(h.Sink).Should().Equal(1, 2);
        File.Exists(Path.Combine(h.Options.StateDir!, PositionStore.FileName)).Should().BeTrue();
    }

    [Fact]
    public void Over_cap_lines_are_counted_and_skipped_without_buffering_them_whole()
    {
        using var h = new TailHarness(maxLineBytes: 2048);
        h.StartAfter("\n");
        // A signal line far over the cap, written in pieces larger than the cap, then a normal one.
        var huge = "Subagent completion direct announce failed for run run-000001: " + new string('x', 10_000);
        h.Append(huge[..5000]);
        h.Poll();
        h.Restart();
        h.Poll();
        h.Append(huge[5000..] + "\n" + TailHarness.AnnounceFailed(2) + "\n");
        h.Poll();
        Runs(h.Sink).Should().Equal(2);
        h.Metrics.SkippedCount(SkipReasons.TooLong).Should().Be(1);
    }

    [Fact]
    public void Invalid_utf8_and_crlf_lines_are_read()
    {
        using var h = new TailHarness();
        h.StartAfter("\n");
        h.AppendBytes([.. Encoding.UTF8.GetBytes("OAuth token refresh failed for anthropic: "), 0xC3, 0x28, (byte)'\r', (byte)'\n']);
        h.Poll();
        h.Sink.Count(SignalNames.OAuthRefreshFailed, "anthropic").Should().Be(1);
        h.Metrics.SkippedCount(SkipReasons.InvalidUtf8).Should().Be(1);
    }

    [Fact]
    public void Copytruncate_that_regrows_past_the_old_offset_is_detected_by_the_head_hash()
    {
        using var h = new TailHarness();
        h.StartAfter(TestLines.Noise(0) + "\n");
        h.Append(TailHarness.AnnounceFailed(1) + "\n");
        h.Poll();
        // copytruncate, then at once more bytes than before: size never drops below our offset.
        h.CopyTruncate(h.LogPath + ".1");

        h.Append(TailHarness.AnnounceFailed(2, noiseBytes: 2000) + "\n");
        h.Poll();
        Runs(h.Sink).Should().Equal(1, 2);
        h.Metrics.RotationCount(RotationKinds.CopyTruncate).Should().Be(1);
    }

    [Fact]
    public void Copytruncate_while_stopped_reads_the_unread_tail_from_the_copy()
    {
        using var h = new TailHarness();
        h.StartAfter(TestLines.Noise(0) + "\n");
        h.Stop();
        h.Append(TailHarness.AnnounceFailed(1) + "\n");
        h.CopyTruncate(h.LogPath + ".1");

        h.StartAfter(TailHarness.AnnounceFailed(2) + "\n");
        Runs(h.Sink).Should().BeEquivalentTo([1, 2]);
    }

    [Fact]
    public void Renamed_while_stopped_reads_the_rest_of_the_old_file_and_the_replacement_from_0()
    {
        using var h = new TailHarness();
        h.StartAfter(TestLines.Noise(0) + "\n");
        h.Stop();
        h.Append(TailHarness.AnnounceFailed(1) + "\n");
        File.Move(h.LogPath, h.LogPath + ".1");
        h.StartAfter(TailHarness.AnnounceFailed(2) + "\n");
        Runs(h.Sink).Should().BeEquivalentTo([1, 2]);
        h.Metrics.RotationCount(RotationKinds.Replaced).Should().Be(1);
    }

    [Fact]
    public void Corrupt_positions_are_set_aside_not_overwritten_blindly()
    {
        using var h = new TailHarness();
        Directory.CreateDirectory(h.Options.StateDir!);
        var positions = Path.Combine(h.Options.StateDir!, PositionStore.FileName);
        File.WriteAllText(positions, "{ torn");
        h.StartAfter(TailHarness.AnnounceFailed(1) + "\n");
        Directory.GetFiles(h.Options.StateDir!, PositionStore.FileName + ".corrupt-*").Should().ContainSingle()
            .Which.Should().Match(p => File.ReadAllText(p) == "{ torn");
        h.Sink.Signals.Should().BeEmpty("a first start without usable positions reads from the end");
    }

    /// <summary>
    /// The issue's test: a writer appends while the test rotates by rename, copytruncate, truncates,
    /// deletes and recreates, and restarts the tailer in between, in a seeded random order; every signal
    /// line written is counted exactly once.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Random_rotations_and_restarts_lose_nothing_and_count_nothing_twice(int seed)
    {
        using var h = new TailHarness();
        var rnd = new Random(seed);
        h.Append(TailHarness.AnnounceFailed(999_999) + "\n"); // before the very first start: not replayed
        h.Start();
        h.Poll();
        var seq = 0;
        var written = new List<int>();
        string? pending = null;
        var rotations = 0;
        var knownToTailer = true;
        var polledSinceRotation = true;
        var currentFileSeen = true;
        var trace = new List<string>();
        for (var step = 0; step < 300; step++)
        {
            var op = rnd.Next(100);
            if (op < 45)
            {
                var sb = new StringBuilder();
                if (pending is not null)
                {
                    sb.Append(pending).Append('\n');
                    pending = null;
                }

                for (var i = rnd.Next(1, 15); i > 0; i--)
                {
                    if (rnd.Next(3) == 0)
                    {
                        sb.Append(TailHarness.AnnounceFailed(++seq, rnd.Next(0, 600)));
                        written.Add(seq);
                    }
                    else
                    {
                        sb.Append(TestLines.Noise(step, rnd.Next(0, 900)));
                    }

                    sb.Append(rnd.Next(4) == 0 ? "\r\n" : "\n");
                }

                if (rnd.Next(4) == 0)
                {
                    // Half a signal line now, the rest in a later write.
                    var line = TailHarness.AnnounceFailed(++seq);
                    written.Add(seq);
                    var cut = rnd.Next(1, line.Length);
                    sb.Append(line[..cut]);
                    pending = line[cut..];
                }

                h.Append(sb.ToString());
            }
            else if (op < 70)
            {
                h.Poll();
                knownToTailer = true;
                polledSinceRotation = true;
                // The tailer knows a file by its head: a rotated copy is recognisable once it has seen one.
                currentFileSeen |= File.Exists(h.LogPath) && new FileInfo(h.LogPath).Length >= 1024;
                trace.Add($"poll@{seq}");
            }
            else if (op < 78)
            {
                h.Restart();
                knownToTailer = false;
                trace.Add($"restart@{seq}");
            }
            else if (pending is null && File.Exists(h.LogPath) && polledSinceRotation && currentFileSeen)
            {
                // A file created and rotated away between two polls is hidden from any follower:
                // rotate only files the tailer has seen, at most once per poll.
                rotations++;
                polledSinceRotation = false;
                trace.Add($"{(op < 84 ? "rename" : op < 90 ? "copytruncate" : op < 95 ? "truncate" : "delete")}@{seq}");
                switch (op)
                {
                    case < 84:
                        File.Move(h.LogPath, $"{h.LogPath}.{rotations}");
                        currentFileSeen = false;
                        break;
                    case < 90:
                        h.CopyTruncate($"{h.LogPath}.{rotations}");

                        currentFileSeen = false;
                        break;
                    case < 95:
                        // A plain truncation destroys unread lines by definition: truncate once caught up.
                        h.Poll();
                        h.Truncate();

                        currentFileSeen = false;
                        break;
                    default:
                        // A deleted file is drained through the open handle; one never opened is gone for anyone.
                        if (knownToTailer)
                        {
                            File.Delete(h.LogPath);
                            currentFileSeen = false;
                        }

                        break;
                }
            }
        }

        if (pending is not null)
        {
            h.Append(pending + "\n");
        }

        h.Poll();
        h.Poll();
        var runs = Runs(h.Sink);
        var ops = $"missing [{string.Join(',', written.Except(runs))}] twice [{string.Join(',', runs.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key))}] from [{string.Join(',', h.Sink.Signals.GroupBy(x => x.RunId).Where(g => g.Count() > 1).SelectMany(g => g.Select(x => Path.GetFileName(x.Origin))).Distinct())}] ops: " + string.Join(' ', trace);
        runs.Should().OnlyHaveUniqueItems("nothing may be counted twice; ops: " + ops);
        runs.Should().BeEquivalentTo(written, "nothing may be lost; ops: " + ops);
        written.Count.Should().BeGreaterThan(50);
    }
}
