using System.Text;
using Xunit.Abstractions;
using CredWatch.Alerts.Formatting;

namespace CredWatch.Alerts.Tests.Fuzz;

/// <summary>
/// The HTML splitter over seeded Telegram-HTML documents and limits: every part within the limit, tags balanced and
/// nested, no entity and no surrogate pair cut, and no text lost.
/// </summary>
public sealed class HtmlSplitterPropertyTests(ITestOutputHelper output)
{
    public const int Inputs = 3000;

    private static readonly string[] Pieces =
    [
        "word ", "longerword ", "&amp;", "&lt;", "&gt;", "&quot;", "😀", "é", "\n", "  ", "<b>bold</b> ", "<i>it <b>both</b></i> ",
        "<code>code &amp; more</code> ", "<a href=\"https://example.com/a?b=1&amp;c=2\">link</a> ", "<pre>pre\nblock</pre>",
    ];

    [Fact]
    public void Parts_fit_the_limit_are_balanced_and_cut_no_entity_or_surrogate()
    {
        var rng = new Random(20);
        for (var n = 0; n < Inputs; n++)
        {
            var sb = new StringBuilder();
            var count = rng.Next(1, 400);
            for (var i = 0; i < count; i++)
            {
                sb.Append(rng.Next(20) == 0 ? new string('x', rng.Next(1, 300)) : Pieces[rng.Next(Pieces.Length)]);
            }

            var html = sb.ToString();
            var limit = rng.Next(3) == 0 ? AlertFormatter.TelegramLimit : rng.Next(120, 1000);

            var parts = HtmlSplitter.Split(html, limit);

            foreach (var part in parts)
            {
                part.Length.Should().BeLessThanOrEqualTo(limit, $"input {n}");
                HtmlBalance.IsBalanced(part).Should().BeTrue($"input {n}: {part}");
                char.IsLowSurrogate(part[0]).Should().BeFalse($"input {n}");
                char.IsHighSurrogate(part[^1]).Should().BeFalse($"input {n}");
            }

            Text(string.Concat(parts)).Should().Be(Text(html), $"input {n}: no text lost");
        }

        output.WriteLine($"{Inputs} documents split, none failed");
    }

    /// <summary>The visible characters (tags and whitespace removed), to compare before and after splitting.</summary>
    private static string Text(string html) =>
        string.Concat(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", string.Empty).Where(c => !char.IsWhiteSpace(c)));
}
