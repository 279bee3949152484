using System.Text;
using CredWatch.LogTail.Signals;
using Xunit.Abstractions;

namespace CredWatch.LogTail.Tests.Signals;

/// <summary>
/// The line parser and signal matcher over arbitrary bytes (random bytes, invalid UTF-8, truncated JSON, gateway
/// noise with bytes spliced in), seeded: no exception, and no signal out of noise.
/// </summary>
public sealed class NoiseFuzzTests(ITestOutputHelper output)
{
    public const int Inputs = 20_000;

    private static readonly string[] Noise =
    [
        "{\"0\":\"[gateway] heartbeat ok\",\"_meta\":{\"logLevelName\":\"INFO\",\"date\":\"2026-12-05T08:00:00Z\"},\"time\":\"2026-12-05T08:00:00.000+00:00\"}",
        "2026-12-05T08:00:00.000Z [telegram] polling ok",
        "{\"0\":\"[agent] run started run=5d2c1b0a lane=main\",\"time\":\"x\"}",
        "{\"0\":{\"nested\":[1,2,{\"a\":null}]},\"1\":\"refresh\"}",
        "[warn] provider anthropic answered 200 in 1234ms",
    ];

    [Fact]
    public void Arbitrary_bytes_raise_nothing_and_signal_nothing()
    {
        var rng = new Random(20);
        var signals = new List<LogSignal>();
        var pipeline = new SignalPipeline(TimeProvider.System, TimeSpan.FromSeconds(10), null, null, signals.Add);
        var processor = new LineProcessor(64 * 1024, pipeline);
        long bytes = 0;
        for (var n = 0; n < Inputs; n++)
        {
            byte[] chunk;
            switch (rng.Next(3))
            {
                case 0:
                    chunk = new byte[rng.Next(1, 2000)];
                    rng.NextBytes(chunk);
                    break;
                case 1:
                    var line = Noise[rng.Next(Noise.Length)];
                    chunk = Encoding.UTF8.GetBytes(line[..rng.Next(1, line.Length + 1)] + (rng.Next(2) == 0 ? "\n" : string.Empty));
                    break;
                default:
                    var noisy = Encoding.UTF8.GetBytes(Noise[rng.Next(Noise.Length)] + "\n");
                    for (var k = rng.Next(1, 8); k > 0; k--)
                    {
                        noisy[rng.Next(noisy.Length)] = (byte)rng.Next(256);
                    }

                    chunk = noisy;
                    break;
            }

            bytes += chunk.Length;
            var act = () => processor.Process(chunk, "fuzz");
            act.Should().NotThrow($"input {n}");
        }

        output.WriteLine($"{Inputs} chunks, {bytes} bytes, {signals.Count} signals");
        signals.Should().BeEmpty("noise is not a failure");
    }
}
