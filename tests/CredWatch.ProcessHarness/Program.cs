using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CredWatch.Exporter.Resync;
using Microsoft.Extensions.Logging.Abstractions;

namespace CredWatch.ProcessHarness;

/// <summary>
/// Modes (exit 0 = finished as asked; 2 = usage; 3 = saw an invalid store; 4 = saw a lost update):
///   writer &lt;store&gt; &lt;iterations&gt;                 rewrite the store under OpenClaw's lock, bumping "x-writer-seq"
///   hold &lt;store&gt; &lt;seconds&gt; &lt;readyFile&gt;          hold a live lock, then release it
///   resync-loop &lt;store&gt; &lt;cycles&gt; &lt;profile&gt;     repair the profile to generation 1..cycles
///   toggle &lt;store&gt; &lt;cycles&gt; &lt;profile&gt; &lt;progress&gt;  repair between pair A and pair B, one progress byte per cycle
/// </summary>
internal static class Program
{
    public static readonly byte[] FingerprintKey = Encoding.UTF8.GetBytes("process-harness-fingerprint-key");

    public static async Task<int> Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["writer", var store, var n] => await Writer.RunAsync(store, Int(n)),
                ["hold", var store, var seconds, var ready] => await Holder.RunAsync(store, Int(seconds), ready),
                ["resync-loop", var store, var n, var profile] => await ResyncLoop.GenerationsAsync(store, Int(n), profile),
                ["toggle", var store, var n, var profile, var progress] => await ResyncLoop.ToggleAsync(store, Int(n), profile, progress),
                _ => Usage(),
            };
        }
        catch (HarnessFailure f)
        {
            await Console.Error.WriteLineAsync(f.Message);
            return f.ExitCode;
        }
    }

    internal static OpenClawLockOptions FastLock() => new()
    {
        Retries = 400,
        MinBackoff = TimeSpan.FromMilliseconds(1),
        MaxBackoff = TimeSpan.FromMilliseconds(20),
        // A kill -9 between O_EXCL create and the payload write leaves an empty lock: without a pid it is judged by
        // age only (OpenClaw 2026.9.6), so the retry budget (≈ 8 s) must outlast the stale limit.
        StaleAfter = TimeSpan.FromSeconds(2),
    };

    internal static JsonObject ParseOrFail(byte[] bytes, string who)
    {
        if (!AuthProfilesPatcher.IsValidStore(bytes))
        {
            throw new HarnessFailure(3, $"{who}: store is not valid JSON");
        }

        return JsonNode.Parse(bytes)!.AsObject();
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static int Usage()
    {
        Console.Error.WriteLine("usage: writer|hold|resync-loop|toggle …");
        return 2;
    }
}
