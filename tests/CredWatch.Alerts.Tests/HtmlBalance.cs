using System.Text.RegularExpressions;

namespace CredWatch.Alerts.Tests;

/// <summary>Checks a Telegram HTML part: tags balanced and properly nested, no cut entity.</summary>
public static partial class HtmlBalance
{
    public static bool IsBalanced(string html)
    {
        var stack = new Stack<string>();
        foreach (Match m in Tag().Matches(html))
        {
            var name = m.Groups[2].Value.ToLowerInvariant();
            if (m.Groups[1].Value == "/")
            {
                if (stack.Count == 0 || stack.Pop() != name)
                {
                    return false;
                }
            }
            else
            {
                stack.Push(name);
            }
        }

        var withoutTags = Tag().Replace(html, string.Empty);
        return stack.Count == 0 && !withoutTags.Contains('<') && !withoutTags.Contains('>') && !BadAmp().IsMatch(withoutTags);
    }

    [GeneratedRegex("<(/?)([a-zA-Z-]+)[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("&(?!(amp|lt|gt|quot|#\\d+);)")]
    private static partial Regex BadAmp();
}
