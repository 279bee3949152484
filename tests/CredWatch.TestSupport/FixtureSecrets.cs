namespace CredWatch.TestSupport;

/// <summary>
/// Every secret planted in fixtures. Tests scan each output (logs, HTTP, CLI, Telegram requests)
/// for these and fail when one appears. Tests that plant new secrets add them here.
/// </summary>
public static class FixtureSecrets
{
    public static readonly IReadOnlyList<string> All =
    [
        "sk-ant-oat01-FIXTUREaccessNEW0000000000000000000000000000000000000000000000000000000000000000-AAAA",
        "sk-ant-ort01-FIXTURErefreshNEW000000000000000000000000000000000000000000000000000000000000000-BBBB",
        "sk-ant-oat01-FIXTUREaccessOLD0000000000000000000000000000000000000000000000000000000000000000-CCCC",
        "sk-ant-ort01-FIXTURErefreshOLD000000000000000000000000000000000000000000000000000000000000000-DDDD",
        "sk-or-v1-FIXTUREapikey000000000000000000",
    ];

    /// <summary>Distinctive fragments: catch truncated or partially logged secrets too.</summary>
    public static readonly IReadOnlyList<string> Fragments =
        ["FIXTUREaccess", "FIXTURErefresh", "FIXTUREapikey", "FIXTUREbot", "FIXTUREcodex"];

    public static void AssertNoSecret(string output, string where, IEnumerable<string>? extra = null)
    {
        foreach (var s in All.Concat(Fragments).Concat(extra ?? []))
        {
            if (output.Contains(s, StringComparison.Ordinal))
            {
                throw new Xunit.Sdk.XunitException($"secret fragment '{s[..Math.Min(12, s.Length)]}…' leaked in {where}");
            }
        }
    }
}
