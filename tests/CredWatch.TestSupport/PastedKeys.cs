namespace CredWatch.TestSupport;

/// <summary>
/// Token-shaped strings of every kind the redactor knows, as a user pastes them into a prompt or a task label.
/// Fake, but shaped like the real thing; each holds a distinctive middle that <see cref="AssertNone"/> looks for,
/// so a key cut short in an output is caught too.
/// </summary>
public static class PastedKeys
{
    public const string Anthropic = "sk-ant-api03-PASTEDanthropicKEY0a1b2c3d4e5f6g7h8i9j0kLmNoPqRsTuVwXyZ-AbCdEf";
    public const string OpenAi = "sk-proj-PASTEDopenaiKEY1234567890abcdefABCDEF";
    public const string GitHub = "ghp_PASTEDgithubKEY1234567890abcdefABCD";
    public const string GitHubFineGrained = "github_pat_11PASTEDgithubFINE_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
    public const string Slack = "xoxb-1234567890-PASTEDslackKEY-abcdefghijklmn";
    public const string TelegramBot = "7123456789:AAPASTEDtelegramKEY_abcdefghij0123456";
    public const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJQQVNURURqd3QifQ.PASTEDjwtSIG_0123456789abcdefXYZ";
    public const string Hex = "0fa57ed1c0ffee5eed0123456789abcdef0123456789abcdef";
    public const string Base64 = "UEFTVEVEYmFzZTY0S0VZMDEyMzQ1Njc4OWFiY2RlZkFCQ0RFRg==";

    public static readonly IReadOnlyList<string> All = [Anthropic, OpenAi, GitHub, GitHubFineGrained, Slack, TelegramBot, Jwt, Hex, Base64];

    /// <summary>Fails when any of the keys, or a 12-character piece of one past its vendor prefix, appears in <paramref name="output"/>.</summary>
    public static void AssertNone(string output, string where)
    {
        foreach (var key in All)
        {
            var middle = key.Substring(Math.Min(12, key.Length - 24), 12);
            if (output.Contains(key, StringComparison.Ordinal) || output.Contains(middle, StringComparison.Ordinal))
            {
                throw new Xunit.Sdk.XunitException($"pasted key '{key[..6]}…' leaked in {where}");
            }
        }
    }
}
