using System.Security.Cryptography;
using CredWatch.Exporter.Resync;
using CredWatch.Exporter.Stores;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>A private copy of tests/fixtures/home in a temp dir, plus the fixture's known facts.</summary>
internal sealed class ResyncHome : IDisposable
{
    public const string NewAccess = "sk-ant-oat01-FIXTUREaccessNEW0000000000000000000000000000000000000000000000000000000000000000-AAAA";
    public const string NewRefresh = "sk-ant-ort01-FIXTURErefreshNEW000000000000000000000000000000000000000000000000000000000000000-BBBB";
    public const string OldAccess = "sk-ant-oat01-FIXTUREaccessOLD0000000000000000000000000000000000000000000000000000000000000000-CCCC";
    public const string OldRefresh = "sk-ant-ort01-FIXTURErefreshOLD000000000000000000000000000000000000000000000000000000000000000-DDDD";
    public const long NewExpires = 4102444800000;
    public const long OldExpires = 1773427200000;
    public const string Profile = "anthropic:claude-cli";

    public ResyncHome()
    {
        Root = Path.Combine(Path.GetTempPath(), "cw-resync-" + Guid.NewGuid().ToString("N")[..12]);
        Copy(TestPaths.FixtureHome, Root);
        Fingerprinter = new Fingerprinter(RandomNumberGenerator.GetBytes(32));
    }

    public string Root { get; }

    public Fingerprinter Fingerprinter { get; }

    public string ClaudeCredentials => Path.Combine(Root, ".claude", ".credentials.json");

    public string StoreOf(string agent) => Path.Combine(Root, ".openclaw", "agents", agent, "agent", "auth-profiles.json");

    public string HrBp => StoreOf("hr-bp");

    public string Fp(string token) => Fingerprinter.Of(token).Hex;

    public ResyncSource ClaudeSource(long? expires = NewExpires, bool blanked = false, IReadOnlySet<string>? prior = null) =>
        new("claude-cli", ClaudeCredentials, blanked, expires, blanked ? null : Fp(NewRefresh), blanked ? null : Fp(NewAccess),
            prior ?? new HashSet<string>(), AccountKey: "acct-key-1", EmailKey: null);

    /// <summary>The fixture's stale hr-bp copy of the Claude CLI login, as core would describe it.</summary>
    public ResyncCandidate HrBpCandidate(CopyRelation relation = CopyRelation.Stale, ResyncSource? source = null, string profile = Profile) =>
        new("hr-bp", profile, profile, "anthropic", TargetLayout.AuthProfilesJson, HrBp, relation,
            new ResyncCopy("oauth", null, Fp(OldRefresh), Fp(OldAccess), OldExpires, null, null),
            source ?? ClaudeSource());

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
