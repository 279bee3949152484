using CredWatch.Alerts.Discovery;

namespace CredWatch.Alerts.Tests;

public sealed class SessionKeyRouteTests
{
    [Theory]
    [InlineData("agent:main:telegram:group:-100123:topic:42", null, -100123L, 42)]
    [InlineData("agent:main:telegram:group:-100123:topic:1", null, -100123L, null)]
    [InlineData("agent:main:telegram:group:-100123", null, -100123L, null)]
    [InlineData("agent:main:telegram:channel:-100999", null, -100999L, null)]
    [InlineData("agent:main:telegram:direct:5550001", null, 5550001L, null)]
    [InlineData("agent:main:telegram:dm:5550001", null, 5550001L, null)]
    [InlineData("agent:ops:telegram:work:direct:777", "work", 777L, null)]
    [InlineData("agent:main:telegram:group:-100123:thread:9", null, -100123L, 9)]
    [InlineData("agent:main:telegram:direct:42:direct-topic:3", null, 42L, null)]
    public void Parses_openclaw_telegram_keys(string key, string? account, long chat, int? thread)
    {
        SessionKeyRoute.TryParse(key, out var a, out var c, out var t).Should().BeTrue();
        a.Should().Be(account);
        c.Should().Be(chat);
        t.Should().Be(thread);
    }

    [Theory]
    [InlineData("agent:main:main")]
    [InlineData("agent:main:discord:group:123")]
    [InlineData("agent:main:direct:555")]
    [InlineData("agent:main:telegram:group:@name")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_keys_name_no_telegram_chat(string? key)
    {
        SessionKeyRoute.TryParse(key, out _, out _, out _).Should().BeFalse();
    }
}
