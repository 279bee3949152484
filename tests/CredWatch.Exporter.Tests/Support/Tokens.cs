using System.Text;

namespace CredWatch.Exporter.Tests.Support;

/// <summary>Fake secrets for tests (all contain a FixtureSecrets fragment so leak scans catch them).</summary>
public static class Tokens
{
    public const string NewAccess = "sk-ant-oat01-FIXTUREaccessNEW0000000000000000000000000000000000000000000000000000000000000000-AAAA";
    public const string NewRefresh = "sk-ant-ort01-FIXTURErefreshNEW000000000000000000000000000000000000000000000000000000000000000-BBBB";
    public const string OldAccess = "sk-ant-oat01-FIXTUREaccessOLD0000000000000000000000000000000000000000000000000000000000000000-CCCC";
    public const string OldRefresh = "sk-ant-ort01-FIXTURErefreshOLD000000000000000000000000000000000000000000000000000000000000000-DDDD";

    public static string Access(string tag) => "sk-ant-oat01-FIXTUREaccess" + tag;

    public static string Refresh(string tag) => "sk-ant-ort01-FIXTURErefresh" + tag;

    public static string Claude(string access, string refresh, long expiresAtMs) =>
        $$"""{"claudeAiOauth":{"accessToken":"{{access}}","refreshToken":"{{refresh}}","expiresAt":{{expiresAtMs}},"scopes":["user:inference"]} }""";

    public static string OAuthProfile(string id, string provider, string access, string refresh, long expires, string extra = "") =>
        $$"""{"version":1,"profiles":{"{{id}}":{"type":"oauth","provider":"{{provider}}","access":"{{access}}","refresh":"{{refresh}}","expires":{{expires}}{{extra}} } } }""";

    /// <summary>An unsigned JWT with the given payload JSON.</summary>
    public static string Jwt(string payload) =>
        B64("{\"alg\":\"none\"}") + "." + B64(payload) + ".FIXTUREcodexsig";

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Fence(string claim, string kind, bool failed) =>
        $"openclaw-oauth-refresh-fence:v1:{claim}:{(failed ? "failed:" : "")}{kind}:{new string('e', 64)}";

    public const string ClaimA = "0123456789abcdef0123456789abcdef";
    public const string ClaimB = "fedcba9876543210fedcba9876543210";
}
