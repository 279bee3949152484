using System.Diagnostics;
using CredWatch.LogTail.Signals;

namespace CredWatch.LogTail.Bench;

/// <summary>Where catch-up time goes: read alone, + newline count, + prefilter, + the whole line processor.</summary>
internal static class Profile
{
    public static int Run(string file)
    {
        for (var round = 0; round < 3; round++)
        {
            Console.WriteLine($"CPU s, round {round + 1}: read {Time(file, 0):0.000} s | +count {Time(file, 1):0.000} s | +prefilter {Time(file, 2):0.000} s | processor {Time(file, 3):0.000} s");
        }

        return 0;
    }

    private static double Time(string file, int mode)
    {
        const int Chunk = 1 << 20;
        var buffer = new byte[Chunk * 2];
        var prefilter = AnchorPrefilter.ForAllRules();
        var pipeline = new SignalPipeline(TimeProvider.System, TimeSpan.FromSeconds(10), null, null, _ => { });
        var processor = new LineProcessor(256 * 1024, pipeline);
        using var h = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        using var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        long offset = 0, sink = 0;
        var carry = 0;
        while (true)
        {
            var n = RandomAccess.Read(h, buffer.AsSpan(carry, Chunk), offset + carry);
            if (n <= 0)
            {
                break;
            }

            var data = buffer.AsSpan(0, carry + n);
            var consumed = data.Length;
            switch (mode)
            {
                case 1:
                    sink += data.Count((byte)'\n');
                    break;
                case 2:
                    sink += data.Count((byte)'\n');
                    for (var p = prefilter.NextHit(data, 0); p >= 0; p = prefilter.NextHit(data, p + 1))
                    {
                        sink++;
                    }

                    break;
                case 3:
                    consumed = processor.Process(data, file);
                    break;
            }

            offset += consumed;
            carry = data.Length - consumed;
            data[consumed..].CopyTo(buffer);
        }

        GC.KeepAlive(sink);
        self.Refresh();
        return (self.TotalProcessorTime - cpu0).TotalSeconds;
    }
}
