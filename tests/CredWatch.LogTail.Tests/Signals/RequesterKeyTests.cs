using CredWatch.LogTail.Signals;

namespace CredWatch.LogTail.Tests.Signals;

public sealed class RequesterKeyTests
{
    [Theory]
    [InlineData("agent:main:telegram:group:-1001234567890:topic:42", "main", "telegram", "group", "-1001234567890", "42")]
    [InlineData("agent:ops:telegram:direct:123456", "ops", "telegram", "direct", "123456", null)]
    [InlineData("agent:main:main", "main", null, null, null, null)]
    [InlineData("agent:main:subagent:7d2c9a41", "main", null, null, null, null)]
    [InlineData("weird", null, null, null, null, null)]
    public void Parses_agent_chat_and_topic(string raw, string? agent, string? channel, string? type, string? chat, string? topic)
    {
        var k = RequesterKey.Parse(raw);
        (k.Raw, k.Agent, k.Channel, k.ChatType, k.ChatId, k.Topic).Should().Be((raw, agent, channel, type, chat, topic));
    }
}
