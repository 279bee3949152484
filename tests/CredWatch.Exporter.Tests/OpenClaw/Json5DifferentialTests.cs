using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredWatch.Exporter.OpenClaw;
using CredWatch.TestSupport.OpenClaw;
using Xunit.Abstractions;

namespace CredWatch.Exporter.Tests.OpenClaw;

/// <summary>
/// CredWatch's JSON5 reader against the real <c>json5</c> package the OpenClaw install ships (what OpenClaw itself
/// reads its config with), run by that install's node: over seeded generated documents (a third mutated, mostly
/// invalid), both give the same value or both reject.
/// </summary>
public sealed class Json5DifferentialTests(ITestOutputHelper output)
{
    public const int Inputs = 5000;

    [RealOpenClawFact]
    public async Task Same_value_or_both_reject_over_generated_documents()
    {
        var gen = new Json5Generator(20);
        var inputs = Enumerable.Range(0, Inputs).Select(_ => gen.Next()).ToList();
        var answers = await RunJson5Async(inputs);

        var mismatches = new List<string>();
        var rejected = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            string? ours;
            try
            {
                ours = Canon(Json5Reader.Parse(inputs[i]));
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                ours = null;
            }

            var theirs = answers[i] is null ? null : Canon(JsonNode.Parse(answers[i]!));
            rejected += theirs is null ? 1 : 0;
            if (ours != theirs)
            {
                mismatches.Add($"input {JsonSerializer.Serialize(inputs[i])}: json5 {theirs ?? "rejects"}, CredWatch {ours ?? "rejects"}");
            }
        }

        output.WriteLine($"{Inputs} inputs, {rejected} rejected by json5, {mismatches.Count} mismatches");
        mismatches.Should().BeEmpty(string.Join("\n", mismatches));
    }

    /// <summary>One node process for all inputs: JSON array in, one JSON answer (value as JSON, or null) per input out.</summary>
    private static async Task<List<string?>> RunJson5Async(List<string> inputs)
    {
        var dir = Path.Combine(Path.GetTempPath(), "cw-json5-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var inputFile = Path.Combine(dir, "inputs.json");
            await File.WriteAllTextAsync(inputFile, JsonSerializer.Serialize(inputs));
            var script = Path.Combine(dir, "run.cjs");
            var json5 = Path.Combine(OpenClawInstall.Directory!, "node_modules", "json5");
            await File.WriteAllTextAsync(script, $$"""
                const JSON5 = require({{JsonSerializer.Serialize(json5)}});
                const inputs = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
                const finite = (k, v) => typeof v === 'number' && !isFinite(v) ? (isNaN(v) ? '__nan' : v > 0 ? '__inf' : '__-inf') : v;
                const out = inputs.map(s => { try { return JSON.stringify(JSON5.parse(s), finite); } catch { return null; } });
                process.stdout.write(JSON.stringify(out));
                """);
            var psi = new ProcessStartInfo(OpenClawInstall.NodeExecutable) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(inputFile);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            p.ExitCode.Should().Be(0, await stderr);
            return JsonSerializer.Deserialize<List<string?>>(await stdout)!;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A canonical text of a value: numbers by their double value, object members in order.</summary>
    private static string Canon(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.Select(kv => JsonSerializer.Serialize(kv.Key) + ":" + Canon(kv.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canon)) + "]",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>() switch
        {
            // JSON.stringify writes non-finite numbers as null; the node side marks them instead.
            double.PositiveInfinity => "\"__inf\"",
            double.NegativeInfinity => "\"__-inf\"",
            var d => d.ToString("R", CultureInfo.InvariantCulture),
        },
        _ => node.ToJsonString(),
    };
}
