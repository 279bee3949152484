using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CredWatch.TestSupport.OpenClaw;
using Xunit.Abstractions;
using CredWatch.Alerts.Discovery;

namespace CredWatch.Alerts.Tests.Fuzz;

/// <summary>
/// Session-key routing over seeded keys: a key built from (account, kind, chat, topic, thread) parses back to exactly
/// those; arbitrary and mutated keys give a target or a refusal, never an exception; and, against OpenClaw's own
/// <c>parseSessionDeliveryRoute</c> (run by the installed node), every chat CredWatch routes to is the Telegram chat
/// OpenClaw reads from the same key, never another.
/// </summary>
public sealed partial class SessionKeyRouteFuzzTests(ITestOutputHelper output)
{
    public const int Inputs = 10_000;

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static readonly string[] Prefixes = ["agent", "agent", "agent", "AGENT", "Agent", " agent", "agents", ""];
    private static readonly string[] Agents = ["main", "ops", "hr-bp", "", " ", "MAIN", "a b"];
    private static readonly string[] Channels = ["telegram", "telegram", "telegram", "Telegram", "TELEGRAM", "discord", "telegram ", ""];
    private static readonly string[] Accounts = ["work", "default", "Work", "group", "direct", "dm", ""];
    private static readonly string[] Kinds = ["group", "group", "channel", "direct", "dm", "supergroup", "Group", "DM", "topic", "thread", ""];
    private static readonly string[] OddChats = ["0", "-0", "+5", " 5", "5 ", "@name", "1e3", "99999999999999999999", "0x10", "007", "-", "\u0663", "5\u00a0", ""];
    private static readonly string[] Suffixes = [":topic:{n}", ":topic:", ":topic:abc", ":TOPIC:{n}", ":direct-topic:{n}", ":thread:{n}", ":THREAD:{n}", ":thread:", ":thread:-{n}", ":x:{n}", ":topic:{n}:thread:{m}", ":topic:+{n}"];
    private static readonly string[] Noise = [":", "::", " ", "\t", "\n", "agent:", "telegram:", "group:", "-", "0", "9", "topic", "thread", "\u00e9", "\ud83d\ude00", "\ud800"];

    [Fact]
    public void A_key_built_from_a_chat_and_topic_parses_back_to_them()
    {
        var rng = new Random(20);
        for (var n = 0; n < Inputs; n++)
        {
            var agent = rng.Next(3) == 0 ? "ops" : "main";
            var kind = new[] { "group", "channel", "direct", "dm" }[rng.Next(4)];
            var chat = kind is "group" or "channel" ? -rng.NextInt64(1, 10_000_000_000_000) : rng.NextInt64(1, 10_000_000_000);
            var account = kind is "direct" or "dm" && rng.Next(2) == 0 ? "acct" + rng.Next(100).ToString(CultureInfo.InvariantCulture) : null;
            int? topic = kind == "group" && rng.Next(2) == 0 ? rng.Next(2, int.MaxValue) : null;
            int? thread = topic is null && rng.Next(3) == 0 ? rng.Next(2, int.MaxValue) : null;
            var key = $"agent:{agent}:telegram:" + (account is null ? string.Empty : account + ":") + $"{kind}:{chat}"
                + (topic is null ? string.Empty : $":topic:{topic}") + (thread is null ? string.Empty : $":thread:{thread}");

            SessionKeyRoute.TryParse(key, out var a, out var c, out var t).Should().BeTrue(key);
            (a, c, t).Should().Be((account, chat, topic ?? thread), key);
        }

        output.WriteLine($"{Inputs} built keys round-tripped");
    }

    [RealOpenClawFact]
    public async Task Arbitrary_keys_route_to_the_chat_OpenClaw_reads_or_to_none()
    {
        var rng = new Random(20);
        var keys = Enumerable.Range(0, Inputs).Select(n => (n % 5) switch
        {
            0 => RandomText(rng),
            1 => Mutate(Built(rng), rng),
            _ => Built(rng),
        }).ToList();
        var theirs = await OpenClawRoutesAsync(keys);

        var wrong = new List<string>();
        var routed = 0;
        var missed = 0;
        for (var i = 0; i < keys.Count; i++)
        {
            bool ours;
            string? account;
            long chat;
            int? thread;
            try
            {
                ours = SessionKeyRoute.TryParse(keys[i], out account, out chat, out thread);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"key {JsonSerializer.Serialize(keys[i])} raised {ex.GetType().Name}", ex);
            }

            var expected = TelegramTarget(theirs[i]);
            if (!ours)
            {
                missed += expected is null ? 0 : 1;
                continue;
            }

            routed++;
            var got = (chat.ToString(CultureInfo.InvariantCulture), thread);
            if (expected is null || expected.Value.Chat != got.Item1 || expected.Value.Thread != got.thread
                || (account is not null && !string.Equals(account, theirs[i]?.AccountId, StringComparison.OrdinalIgnoreCase)))
            {
                wrong.Add($"{JsonSerializer.Serialize(keys[i])}: CredWatch {account}/{got}, OpenClaw {JsonSerializer.Serialize(theirs[i])}");
            }
        }

        output.WriteLine($"{Inputs} keys: {routed} routed by CredWatch, {wrong.Count} to another chat than OpenClaw's, {missed} Telegram routes of OpenClaw's left to the default chat");
        wrong.Should().BeEmpty(string.Join("\n", wrong.Take(30)));
        routed.Should().BeGreaterThan(Inputs / 20, "the generated keys exercise real routes, not only refusals");
    }

    /// <summary>The Telegram chat and topic OpenClaw's parsed route names, or null when it names none.</summary>
    private static (string Chat, int? Thread)? TelegramTarget(OpenClawRoute? r)
    {
        if (r is not { Channel: "telegram", PeerId: { } peer })
        {
            return null;
        }

        var segments = peer.Split(':');
        if (!ChatId().IsMatch(segments[0]))
        {
            return null;
        }

        // A forum topic in the peer id wins; else the :thread: suffix; topic 1 (General) and non-numbers name none.
        int? thread = segments.Length >= 3 && segments[1] == "topic" && int.TryParse(segments[2], NumberStyles.None, CultureInfo.InvariantCulture, out var topic) ? topic
            : int.TryParse(r.ThreadId, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix) ? suffix : null;
        thread = thread > 1 ? thread : null;
        return (segments[0], thread);
    }

    private static string Built(Random rng)
    {
        var sb = new StringBuilder();
        sb.Append(Pick(Prefixes, rng)).Append(':').Append(Pick(Agents, rng)).Append(':').Append(Pick(Channels, rng)).Append(':');
        if (rng.Next(4) == 0)
        {
            sb.Append(Pick(Accounts, rng)).Append(':');
        }

        sb.Append(Pick(Kinds, rng)).Append(':');
        sb.Append(rng.Next(6) switch
        {
            0 => Pick(OddChats, rng),
            1 or 2 => rng.NextInt64(1, 10_000_000_000).ToString(CultureInfo.InvariantCulture),
            _ => (-rng.NextInt64(1, 10_000_000_000_000)).ToString(CultureInfo.InvariantCulture),
        });
        for (var k = rng.Next(3); k > 0; k--)
        {
            sb.Append(Pick(Suffixes, rng).Replace("{n}", rng.Next(0, 100).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{m}", rng.Next(0, 100).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        return sb.ToString();
    }

    private static string Mutate(string key, Random rng)
    {
        var sb = new StringBuilder(key);
        for (var k = rng.Next(1, 4); k > 0; k--)
        {
            var at = rng.Next(sb.Length + 1);
            if (rng.Next(2) == 0 || at == sb.Length)
            {
                sb.Insert(at, Pick(Noise, rng));
            }
            else
            {
                sb.Remove(at, 1);
            }
        }

        return sb.ToString();
    }

    private static string RandomText(Random rng)
    {
        var sb = new StringBuilder();
        for (var k = rng.Next(0, 12); k > 0; k--)
        {
            sb.Append(rng.Next(3) == 0 ? ((char)rng.Next(0x20, 0x3000)).ToString() : Pick(Noise, rng));
        }

        return sb.ToString();
    }

    private static string Pick(string[] items, Random rng) => items[rng.Next(items.Length)];

    /// <summary>Runs OpenClaw's own parser (the installed dist module) over all keys in one node process.</summary>
    private static async Task<List<OpenClawRoute?>> OpenClawRoutesAsync(List<string> keys)
    {
        var dist = Path.Combine(OpenClawInstall.Directory!, "node_modules", "openclaw", "dist");
        var module = Directory.EnumerateFiles(dist, "session-key-*.mjs")
            .Single(f => File.ReadAllText(f).Contains("function parseSessionDeliveryRoute(", StringComparison.Ordinal));
        var alias = ExportAlias().Match(File.ReadAllText(module)).Groups[1].Value;
        alias.Should().NotBeEmpty("the module exports parseSessionDeliveryRoute");

        var dir = Path.Combine(Path.GetTempPath(), "cw-routes-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var input = Path.Combine(dir, "keys.json");
            await File.WriteAllTextAsync(input, JsonSerializer.Serialize(keys));
            var script = Path.Combine(dir, "run.mjs");
            await File.WriteAllTextAsync(script, $$"""
                import { readFileSync } from 'node:fs';
                const m = await import({{JsonSerializer.Serialize(new Uri(module).AbsoluteUri)}});
                const parse = m[{{JsonSerializer.Serialize(alias)}}];
                const keys = JSON.parse(readFileSync(process.argv[2], 'utf8'));
                process.stdout.write(JSON.stringify(keys.map(k => parse(k) ?? null)));
                """);
            var psi = new ProcessStartInfo(OpenClawInstall.NodeExecutable) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(input);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            p.ExitCode.Should().Be(0, await stderr);
            return JsonSerializer.Deserialize<List<OpenClawRoute?>>(await stdout, WebJson)!;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex(@"\bparseSessionDeliveryRoute as (\w+)\b")]
    private static partial Regex ExportAlias();

    [GeneratedRegex(@"^-?[1-9][0-9]*$")]
    private static partial Regex ChatId();
}
