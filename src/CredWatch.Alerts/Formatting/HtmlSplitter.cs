using System.Text;

namespace CredWatch.Alerts.Formatting;

/// <summary>
/// Splits Telegram HTML into parts of at most <c>limit</c> UTF-16 units (raw HTML length, which is
/// never shorter than Telegram's post-parse length) without cutting a tag, an entity or a surrogate
/// pair. Tags open at a cut are closed at the end of the part and reopened at the start of the next.
/// Prefers cutting at a line break, then at a space.
/// </summary>
internal static class HtmlSplitter
{
    public static IReadOnlyList<string> Split(string html, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 64);
        if (html.Length <= limit)
        {
            return [html];
        }

        var tokens = Tokenize(html);
        var parts = new List<string>();
        var open = new List<(string Name, string Tag)>();
        var current = new StringBuilder();
        var reopen = string.Empty;
        var lastBreak = -1; // token index after which a cut is nicest
        var lastBreakLen = 0;
        var lastBreakOpen = new List<(string, string)>();
        var lastBreakIsNewline = false;
        var partStartToken = 0;
        var i = 0;
        current.Append(reopen);
        while (i < tokens.Count)
        {
            var t = tokens[i];
            var closing = ClosingLength(open, t);
            if (current.Length + t.Text.Length + closing > limit && current.Length > reopen.Length)
            {
                // Cut: at the last nice break inside this part if any, else here.
                int cutToken;
                List<(string Name, string Tag)> openAtCut;
                if (lastBreak >= partStartToken && lastBreakLen > reopen.Length)
                {
                    cutToken = lastBreak + 1;
                    current.Length = lastBreakLen;
                    openAtCut = lastBreakOpen;
                }
                else
                {
                    cutToken = i;
                    openAtCut = [.. open];
                }

                for (var k = openAtCut.Count - 1; k >= 0; k--)
                {
                    current.Append("</").Append(openAtCut[k].Name).Append('>');
                }

                parts.Add(current.ToString());
                open = [.. openAtCut];
                reopen = string.Concat(open.Select(o => o.Tag));
                current.Clear().Append(reopen);
                i = cutToken;
                partStartToken = i;
                lastBreak = -1;
                continue;
            }

            current.Append(t.Text);
            Apply(open, t);
            // A line break is the nicest cut; a space only counts while no line break sits in the
            // second half of the part (so a long part still ends at a line when it can).
            if (t.Kind == TokenKind.Text && (t.Text == "\n" || (t.Text == " " && (lastBreak < partStartToken || !lastBreakIsNewline || lastBreakLen < limit / 2))))
            {
                lastBreak = i;
                lastBreakLen = current.Length;
                lastBreakOpen = [.. open];
                lastBreakIsNewline = t.Text == "\n";
            }

            i++;
        }

        if (current.Length > reopen.Length)
        {
            parts.Add(current.ToString());
        }

        return parts;
    }

    private static int ClosingLength(List<(string Name, string Tag)> open, Token next) =>
        open.Sum(o => o.Name.Length + 3) + (next.Kind == TokenKind.OpenTag ? next.Name!.Length + 3 : 0);

    private static void Apply(List<(string Name, string Tag)> open, Token t)
    {
        if (t.Kind == TokenKind.OpenTag)
        {
            open.Add((t.Name!, t.Text));
        }
        else if (t.Kind == TokenKind.CloseTag)
        {
            var idx = open.FindLastIndex(o => o.Name == t.Name);
            if (idx >= 0)
            {
                open.RemoveAt(idx);
            }
        }
    }

    private enum TokenKind
    {
        Text,
        OpenTag,
        CloseTag,
        Entity,
    }

    private sealed record Token(TokenKind Kind, string Text, string? Name = null);

    private static List<Token> Tokenize(string html)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end > i)
                {
                    var tag = html[i..(end + 1)];
                    var closing = tag.Length > 1 && tag[1] == '/';
                    var nameStart = closing ? 2 : 1;
                    var nameEnd = nameStart;
                    while (nameEnd < tag.Length && char.IsAsciiLetterOrDigit(tag[nameEnd]) || nameEnd < tag.Length && tag[nameEnd] == '-')
                    {
                        nameEnd++;
                    }

                    var name = tag[nameStart..nameEnd].ToLowerInvariant();
                    tokens.Add(new Token(closing ? TokenKind.CloseTag : TokenKind.OpenTag, tag, name));
                    i = end + 1;
                    continue;
                }
            }
            else if (c == '&')
            {
                var end = html.IndexOf(';', i);
                if (end > i && end - i <= 10)
                {
                    tokens.Add(new Token(TokenKind.Entity, html[i..(end + 1)]));
                    i = end + 1;
                    continue;
                }
            }
            else if (char.IsHighSurrogate(c) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]))
            {
                tokens.Add(new Token(TokenKind.Text, html.Substring(i, 2)));
                i += 2;
                continue;
            }

            tokens.Add(new Token(TokenKind.Text, c.ToString()));
            i++;
        }

        return tokens;
    }
}
