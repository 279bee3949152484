using System.Text.Json;
using System.Text.Json.Nodes;
using CredWatch.Exporter.Resync;
using Microsoft.Extensions.Logging.Abstractions;

namespace CredWatch.ProcessHarness;

/// <summary>
/// A competing writer that behaves like OpenClaw: lock, read, change its own field, serialise the whole
/// store as JSON.stringify(…, null, 2) + "\n", write atomically, unlock. It checks on every step that the
/// file is valid and that resync's generation never goes backwards (a lost update would show here).
/// </summary>
internal static class Writer
{
    public static async Task<int> RunAsync(string store, int iterations)
    {
        var lastGeneration = -1L;
        for (var i = 0; i < iterations; i++)
        {
            var acquisition = await OpenClawLock.AcquireAsync(store, Program.FastLock(), TimeProvider.System, NullLogger.Instance, CancellationToken.None);
            if (acquisition.Lock is not { } held)
            {
                throw new HarnessFailure(5, "writer: lock not acquired: " + acquisition.FailureReason);
            }

            await using (held)
            {
                var root = Program.ParseOrFail(await File.ReadAllBytesAsync(store), "writer");
                var generation = Generation(root);
                if (generation < lastGeneration)
                {
                    throw new HarnessFailure(4, $"writer: resync generation went back from {lastGeneration} to {generation}");
                }

                lastGeneration = generation;
                var seq = root["x-writer-seq"]?.GetValue<long>() ?? 0;
                if (seq != i)
                {
                    throw new HarnessFailure(4, $"writer: its own update was lost (seq {seq}, expected {i})");
                }

                root["x-writer-seq"] = seq + 1;
                using var ms = new MemoryStream();
                using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    root.WriteTo(w);
                }

                ms.WriteByte((byte)'\n');
                AtomicFileWriter.Write(store, ms.ToArray());
            }
        }

        Console.WriteLine($"writer done {iterations}");
        return 0;
    }

    /// <summary>The generation resync-loop encodes in the expires field of profile "anthropic:claude-cli".</summary>
    internal static long Generation(JsonObject root) =>
        root["profiles"]?["anthropic:claude-cli"]?["expires"]?.GetValue<long>() is { } e && e >= ResyncLoop.ExpiresBase ? e - ResyncLoop.ExpiresBase : -1;

}
