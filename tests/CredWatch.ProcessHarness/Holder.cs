using CredWatch.Exporter.Resync;
using Microsoft.Extensions.Logging.Abstractions;

namespace CredWatch.ProcessHarness;

/// <summary>Holds a live OpenClaw lock for a while (a gateway mid-write that takes long), then releases it.</summary>
internal static class Holder
{
    public static async Task<int> RunAsync(string store, int seconds, string readyFile)
    {
        var acquisition = await OpenClawLock.AcquireAsync(store, Program.FastLock(), TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        if (acquisition.Lock is not { } held)
        {
            throw new HarnessFailure(5, "hold: lock not acquired");
        }

        await using (held)
        {
            await File.WriteAllTextAsync(readyFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // A harness process, not a test: waiting here IS the behaviour under test.
            await Task.Delay(TimeSpan.FromSeconds(seconds));
        }

        return 0;
    }
}
