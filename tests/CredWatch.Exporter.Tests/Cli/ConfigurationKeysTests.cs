using System.Text.RegularExpressions;
using CredWatch.Exporter.Hosting;
using CredWatch.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CredWatch.Exporter.Tests.Cli;

/// <summary>The unknown-key check accepts every key docs/ops.md documents and names each one it does not know.</summary>
public sealed partial class ConfigurationKeysTests
{
    [Fact]
    public void Every_documented_key_is_known()
    {
        var keys = DocumentedKeys();
        keys.Should().HaveCountGreaterThan(40, "the configuration table of docs/ops.md");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(keys.Select(k => new KeyValuePair<string, string?>("CredWatch:" + k, "1")))
            .Build();

        ConfigurationKeys.Unknown(configuration).Should().BeEmpty();
    }

    [Fact]
    public void Misspelt_keys_are_named_with_their_full_path()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CredWatch:Scan:RescanInterval"] = "00:01:00",
            ["CredWatch:Scan:Debunce"] = "00:00:01",
            ["CredWatch:Tasks:PollIntervall"] = "00:00:02",
            ["CredWatch:Web:ListenAdress"] = "127.0.0.1:1",
            ["CredWatch:Stores:ExtraAgentDirs:0"] = "/x",
            ["CredWatch:Resync:Lock:Bogus"] = "1",
            ["CredWatch:Sources:anthropic"] = "claude-cli",
            ["CredWatch:Telegam:ChatId"] = "1",
            ["Logging:LogLevel:Default"] = "Debug",
        }).Build();

        ConfigurationKeys.Unknown(configuration).Should().BeEquivalentTo(
            "CredWatch:Scan:Debunce", "CredWatch:Tasks:PollIntervall", "CredWatch:Web:ListenAdress", "CredWatch:Resync:Lock:Bogus",
            "CredWatch:Telegam", "Logging");
    }

    // The first column of the configuration table: `A:B` / `A:B` / …, `A:{B,C}`, `Sources:<provider>`.
    private static List<string> DocumentedKeys()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "ops.md"));
        var table = text[text.IndexOf("## Configuration reference", StringComparison.Ordinal)..];
        var keys = new List<string>();
        foreach (var line in table.Split('\n').Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            foreach (Match m in Key().Matches(line.Split('|')[1]))
            {
                var key = m.Groups[1].Value.Replace("<provider>", "anthropic", StringComparison.Ordinal);
                if (Braces().Match(key) is { Success: true } b)
                {
                    keys.AddRange(b.Groups[2].Value.Split(',').Select(part => b.Groups[1].Value + part));
                }
                else
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }

    [GeneratedRegex("`([A-Za-z][^`]*)`")]
    private static partial Regex Key();

    [GeneratedRegex(@"^(.*)\{(.*)\}$")]
    private static partial Regex Braces();
}
