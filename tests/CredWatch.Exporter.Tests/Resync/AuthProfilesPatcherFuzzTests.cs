using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CredWatch.Exporter.Resync;
using Xunit.Abstractions;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>
/// The OpenClaw store patcher over seeded generated auth-profiles.json documents: every byte outside the patched
/// values stays identical (or, when a field is missing, the rewrite keeps every other value and key order); torn,
/// mutated and hostile documents are refused with a reason, never with an exception.
/// </summary>
public sealed class AuthProfilesPatcherFuzzTests(ITestOutputHelper output)
{
    public const int Documents = 4000;
    public const int Hostile = 6000;

    [Fact]
    public void Generated_stores_change_only_the_patched_values()
    {
        var gen = new AuthProfilesDocumentGenerator(20);
        var rng = new Random(20);
        var spliced = 0;
        var rewritten = 0;
        for (var n = 0; n < Documents; n++)
        {
            var (doc, spans, missing) = gen.Next();
            var updates = Updates(rng);

            var result = AuthProfilesPatcher.Patch(doc, updates);

            result.Error.Should().BeNull($"document {n}: {Encoding.UTF8.GetString(doc)}");
            result.Content.Should().NotBeNull($"document {n}");
            result.Rewritten.Should().Be(missing, $"document {n}");
            if (missing)
            {
                Canon(result.Content!).Should().Be(ExpectedRewrite(doc, updates), $"document {n}: every other value and the key order kept");
                rewritten++;
            }
            else
            {
                result.Content.Should().Equal(ExpectedSplice(doc, spans, updates), $"document {n}: {Encoding.UTF8.GetString(doc)}");
                spliced++;
            }

            foreach (var (id, u) in updates)
            {
                var stored = AuthProfilesPatcher.ReadProfile(result.Content, id)!;
                (stored.Access, stored.Refresh, stored.ExpiresAtMs).Should().Be((u.Access, u.Refresh, u.ExpiresAtMs), $"document {n}, {id}");
            }
        }

        output.WriteLine($"{Documents} generated stores patched ({spliced} in place, {rewritten} rewritten), none failed");
    }

    [Fact]
    public void Torn_mutated_and_hostile_stores_are_refused_without_an_exception()
    {
        var gen = new AuthProfilesDocumentGenerator(21);
        var rng = new Random(21);
        var refused = 0;
        for (var n = 0; n < Hostile; n++)
        {
            var doc = HostileInput(gen, rng, n);
            var updates = Updates(rng);

            PatchResult result = null!;
            var act = () => result = AuthProfilesPatcher.Patch(doc, updates);

            act.Should().NotThrow($"input {n}: {Encoding.UTF8.GetString(doc)}");
            if (result.Content is null)
            {
                refused++;
                (result.Error is not null || !result.Profiles.Values.Contains(ProfilePatchStatus.Patched)).Should().BeTrue($"input {n}: a refusal has a reason");
                continue;
            }

            // A mutation that left a valid store: the output is a whole store carrying the new values.
            AuthProfilesPatcher.IsValidStore(result.Content).Should().BeTrue($"input {n}");
            foreach (var (id, status) in result.Profiles.Where(p => p.Value == ProfilePatchStatus.Patched))
            {
                AuthProfilesPatcher.ReadProfile(result.Content, id)!.Refresh.Should().Be(updates[id].Refresh, $"input {n}");
            }
        }

        output.WriteLine($"{Hostile} torn, mutated or hostile stores, {refused} refused, no exception");
        refused.Should().BeGreaterThan(Hostile / 2, "most of these inputs are broken");
    }

    private static byte[] HostileInput(AuthProfilesDocumentGenerator gen, Random rng, int n)
    {
        var (doc, _, _) = gen.Next();
        switch (n % 6)
        {
            case 0:
                // Torn: a prefix, as a reader racing a non-atomic writer would see.
                return doc[..rng.Next(doc.Length)];
            case 1:
                for (var k = rng.Next(1, 6); k > 0; k--)
                {
                    doc[rng.Next(doc.Length)] = (byte)rng.Next(256);
                }

                return doc;
            case 2:
                var noise = new byte[rng.Next(0, 3000)];
                rng.NextBytes(noise);
                return noise;
            case 3:
                // Nesting bombs inside a profile and at the top.
                var depth = rng.Next(60, 100_000);
                var bomb = new string('[', depth) + new string(']', rng.Next(2) == 0 ? depth : 0);
                return Encoding.UTF8.GetBytes("{\"profiles\":{\"anthropic:claude-cli\":{\"type\":\"oauth\",\"x\":" + bomb + "}}}");
            case 4:
                // A duplicate key somewhere else while a target lacks a field (the rewrite path).
                return Encoding.UTF8.GetBytes(
                    "{\"profiles\":{\"other:1\":{\"a\":1,\"a\":2},\"anthropic:claude-cli\":{\"type\":\"oauth\",\"access\":\"x\"}},\"x\":{\"k\":1,\"k\":" + n.ToString(CultureInfo.InvariantCulture) + "}}");
            default:
                // Structurally odd but valid JSON: profiles of the wrong shape, targets that are not objects.
                return Encoding.UTF8.GetBytes(rng.Next(7) switch
                {
                    // JSON.parse accepts lone surrogate escapes; a rewrite could not keep them.
                    5 => "{\"profiles\":{\"anthropic:claude-cli\":{\"type\":\"oauth\",\"access\":\"a\",\"x\":\"\\ud800\"}}}",
                    6 => "{\"profiles\":{\"anthropic:claude-cli\":{\"\\udc00\":1,\"type\":\"oauth\",\"access\":\"a\",\"refresh\":\"r\",\"expires\":1}}}",
                    0 => "{\"profiles\":[]}",
                    1 => "{\"profiles\":{\"anthropic:claude-cli\":[1,2]}}",
                    2 => "{\"profiles\":{\"anthropic:claude-cli\":{\"type\":\"oauth\",\"access\":1,\"refresh\":{},\"expires\":\"1\"}}}",
                    3 => "\uFEFF{\"profiles\":{}}",
                    _ => "{\"profiles\":{\"anthropic:claude-cli\":{\"type\":\"oauth\",\"access\":\"a\",\"refresh\":\"r\",\"expires\":1e999}}}",
                });
        }
    }

    private static Dictionary<string, ProfileTokenUpdate> Updates(Random rng) =>
        AuthProfilesDocumentGenerator.Targets.ToDictionary(t => t, _ => new ProfileTokenUpdate(Token(rng), Token(rng), rng.NextInt64(1L << 45)), StringComparer.Ordinal);

    private static string Token(Random rng)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./+=";
        return "sk-ant-" + string.Concat(Enumerable.Range(0, rng.Next(20, 120)).Select(_ => Alphabet[rng.Next(Alphabet.Length)]));
    }

    /// <summary>The document with exactly the recorded value spans replaced by the new values.</summary>
    private static byte[] ExpectedSplice(byte[] doc, IReadOnlyList<TargetValueSpan> spans, Dictionary<string, ProfileTokenUpdate> updates)
    {
        var result = new List<byte>();
        var pos = 0;
        foreach (var s in spans)
        {
            result.AddRange(doc[pos..s.Start]);
            var u = updates[s.Profile];
            result.AddRange(Encoding.UTF8.GetBytes(s.Field switch
            {
                "access" => "\"" + u.Access + "\"",
                "refresh" => "\"" + u.Refresh + "\"",
                _ => u.ExpiresAtMs.ToString(CultureInfo.InvariantCulture),
            }));
            pos = s.End;
        }

        result.AddRange(doc[pos..]);
        return [.. result];
    }

    /// <summary>The original's values with the new fields set (existing keys keep their place, new ones go last).</summary>
    private static string ExpectedRewrite(byte[] doc, Dictionary<string, ProfileTokenUpdate> updates)
    {
        var root = JsonNode.Parse(doc)!;
        foreach (var (id, u) in updates)
        {
            var p = root["profiles"]![id]!.AsObject();
            p["access"] = u.Access;
            p["refresh"] = u.Refresh;
            p["expires"] = u.ExpiresAtMs;
        }

        return root.ToJsonString();
    }

    private static string Canon(byte[] json) => JsonNode.Parse(json)!.ToJsonString();
}
