using CredWatch.TestSupport;
using CredWatch.Alerts.Formatting;

namespace CredWatch.Alerts.Tests;

public sealed class SecretScrubberTests
{
    public static TheoryData<string> Keys() => [.. PastedKeys.All];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_key_shape_is_masked_inside_prose(string key)
    {
        var text = $"Please deploy with {key} and tell me (key=\"{key}\").\n{key}";

        var scrubbed = SecretScrubber.Scrub(text);

        PastedKeys.AssertNone(scrubbed, "scrubbed text");
        scrubbed.Should().StartWith("Please deploy with [redacted] and tell me").And.Contain("(key=\"[redacted]\")");
    }

    [Theory]
    [InlineData("Authorization: Bearer abc.def-123", "Authorization: ")]
    [InlineData("fence openclaw-oauth-refresh-fence:0f3a:sk here", " here")]
    [InlineData("POST https://api.telegram.org/bot7123456789:AAHsecret/sendMessage failed", "/bot")]
    public void Bearer_values_fences_and_bot_urls_are_masked(string text, string kept)
    {
        var scrubbed = SecretScrubber.Scrub(text);

        scrubbed.Should().Contain(SecretScrubber.Mask).And.NotContain("abc.def-123").And.NotContain("0f3a:sk").And.NotContain("AAHsecret");
        scrubbed.Should().Contain(kept);
    }

    [Theory]
    [InlineData("Summarise the quarterly numbers for the board")]
    [InlineData("task 5d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a ended at 10:30")]
    [InlineData("agent:main:telegram:group:-1001234567890:topic:42")]
    [InlineData("/var/lib/openclaw/agents/main-production/agent/auth-profiles.json")]
    [InlineData("nightly-report-2026-11-25-for-the-finance-department-team")]
    [InlineData("No API key found for provider \"anthropic\"")]
    [InlineData("see /bottom of the page and the sketch-board")]
    public void Ordinary_text_is_left_as_it_is(string text) => SecretScrubber.Scrub(text).Should().Be(text);
}
