using CredWatch.Alerts.Model;
using CredWatch.Alerts.Formatting;

namespace CredWatch.Alerts.Tests;

public sealed class FormatterTests
{
    private static AlertNotification N(string text, NotificationPhase phase = NotificationPhase.Event) => new()
    {
        Id = Guid.NewGuid().ToString(),
        AlertKey = "k",
        Kind = AlertKinds.OAuthRefreshFailed,
        Severity = AlertSeverity.Critical,
        Phase = phase,
        Text = text,
        Target = DeliveryTarget.Create("default", -1, null),
        AcceptedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Escapes_html_and_renders_backticks_as_code()
    {
        var html = AlertFormatter.Format([N("a <b> & c; run `openclaw doctor --fix`")])[0];
        html.Should().Contain("a &lt;b&gt; &amp; c; run <code>openclaw doctor --fix</code>");
        HtmlBalance.IsBalanced(html).Should().BeTrue();
    }

    [Fact]
    public void Token_shaped_text_never_reaches_the_message()
    {
        var html = AlertFormatter.Format([N("bad 123456789:FIXTUREbotTOKENxxxxxxxxxxxxxxxxxxxx sk-ant-oat01-FIXTUREaccessNEW000 https://api.telegram.org/bot123:FIXTUREbotABC/sendMessage")])[0];
        CredWatch.TestSupport.FixtureSecrets.AssertNoSecret(html, "formatted alert");
    }

    [Fact]
    public void Split_keeps_tags_entities_and_surrogates_intact()
    {
        var text = string.Concat(Enumerable.Repeat("😀 <&> `code span here` word ", 400));
        var parts = AlertFormatter.Format([N(text[..1400]), N(text[..1400]), N(text[..1400]), N(text[..1400])], 1000);
        parts.Count.Should().BeGreaterThan(3);
        foreach (var p in parts)
        {
            p.Length.Should().BeLessThanOrEqualTo(1000);
            HtmlBalance.IsBalanced(p).Should().BeTrue(p);
            char.IsHighSurrogate(p[^1]).Should().BeFalse();
            char.IsLowSurrogate(p[0]).Should().BeFalse();
        }
    }

    [Fact]
    public void Resolved_messages_say_so()
    {
        AlertFormatter.Format([N("login fixed", NotificationPhase.Resolved)])[0].Should().Contain("resolved").And.StartWith("✅");
    }
}
