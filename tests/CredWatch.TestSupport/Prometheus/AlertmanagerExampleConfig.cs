using System.Globalization;
using System.Text.RegularExpressions;

namespace CredWatch.TestSupport.Prometheus;

/// <summary>
/// The shipped deploy/alertmanager/alertmanager.yml made runnable in a test: its Telegram receiver points
/// at a loopback Bot API server (api_url), with a test bot token and chat, its templates glob at the repo's
/// deploy/alertmanager/*.tmpl, and short group waits. Everything else (routes, inhibitions, message
/// template) stays as shipped.
/// </summary>
public static partial class AlertmanagerExampleConfig
{
    public static string ShippedPath => Path.Combine(TestPaths.RepoRoot, "deploy", "alertmanager", "alertmanager.yml");

    public static string TemplatesGlob => Path.Combine(TestPaths.RepoRoot, "deploy", "alertmanager", "*.tmpl");

    /// <summary>
    /// The shipped file exactly, except its <c>bot_token_file</c> line is an inline <c>bot_token</c>: what Debian's
    /// Alertmanager 0.25 (no <c>bot_token_file</c>) can check.
    /// </summary>
    public static string ShippedForAlertmanager025() => Replace(BotToken(), File.ReadAllText(ShippedPath), "bot_token: \"123456789:REPLACE-with-your-alert-bot-token\"");

    public static string Render(Uri botApiRoot, string botToken, long chatId, TimeSpan? groupWait = null)
    {
        var yaml = File.ReadAllText(ShippedPath);
        yaml = Replace(ApiUrl(), yaml, "api_url: " + botApiRoot.ToString().TrimEnd('/'));
        yaml = Replace(BotToken(), yaml, "bot_token: \"" + botToken + "\"");
        yaml = Replace(ChatId(), yaml, "chat_id: " + chatId.ToString(CultureInfo.InvariantCulture));
        yaml = Replace(TemplateGlobLine(), yaml, "  - \"" + TemplatesGlob + "\"");
        var wait = ((int)(groupWait ?? TimeSpan.FromSeconds(1)).TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        yaml = Replace(GroupWait(), yaml, "group_wait: " + wait);
        yaml = Replace(GroupInterval(), yaml, "group_interval: " + wait);
        return yaml;
    }

    private static string Replace(Regex regex, string input, string replacement)
    {
        if (!regex.IsMatch(input))
        {
            throw new InvalidOperationException($"shipped alertmanager.yml has no line matching {regex}: the example changed shape");
        }

        return regex.Replace(input, m => m.Groups["indent"].Value + replacement.TrimStart(), 1);
    }

    [GeneratedRegex(@"^(?<indent>[ \t]*(?:- )?)api_url:.*$", RegexOptions.Multiline)]
    private static partial Regex ApiUrl();

    // The shipped file names a token file (Alertmanager 0.26+); Debian's 0.25 needs the token inline.
    [GeneratedRegex(@"^(?<indent>[ \t]*)bot_token(?:_file)?:.*$", RegexOptions.Multiline)]
    private static partial Regex BotToken();

    [GeneratedRegex(@"^(?<indent>[ \t]*)chat_id:.*$", RegexOptions.Multiline)]
    private static partial Regex ChatId();

    [GeneratedRegex(@"^(?<indent>[ \t]*)- /etc/alertmanager/templates/\*\.tmpl$", RegexOptions.Multiline)]
    private static partial Regex TemplateGlobLine();

    [GeneratedRegex(@"^(?<indent>[ \t]*)group_wait:.*$", RegexOptions.Multiline)]
    private static partial Regex GroupWait();

    [GeneratedRegex(@"^(?<indent>[ \t]*)group_interval:.*$", RegexOptions.Multiline)]
    private static partial Regex GroupInterval();
}
