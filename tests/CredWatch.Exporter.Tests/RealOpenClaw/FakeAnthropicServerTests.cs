using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CredWatch.TestSupport.Anthropic;

namespace CredWatch.Exporter.Tests.RealOpenClaw;

/// <summary>The fake Messages API answers the way OpenClaw's Anthropic client reads it (no OpenClaw needed).</summary>
public sealed class FakeAnthropicServerTests
{
    [Fact]
    public async Task Streams_a_scripted_tool_use_as_anthropic_sse_and_keeps_the_bearer_only_for_comparison()
    {
        var seed = new SeedConversation();
        await using var server = await FakeAnthropicServer.StartAsync(seed.Script);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent(
                """{"model":"claude-sonnet-4-6","stream":true,"tools":[{"name":"sessions_spawn"}],"messages":[{"role":"user","content":[{"type":"text","text":"spawn please"}]}]}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-ant-oat01-FIXTUREaccessCOMPARE");

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('\n')[0]).ToList();
        events.Should().Equal(
            "event: message_start", "event: content_block_start", "event: content_block_delta",
            "event: content_block_stop", "event: message_delta", "event: message_stop");
        var delta = JsonNode.Parse(body.Split("\n\n")[2].Split("data: ")[1])!;
        JsonNode.Parse(delta["delta"]!["partial_json"]!.GetValue<string>())!["task"]!.GetValue<string>()
            .Should().Contain(SeedConversation.ChildMarker);
        seed.Spawns.Should().Be(1);
        server.SawCredential("sk-ant-oat01-FIXTUREaccessCOMPARE").Should().BeTrue();
        server.SawCredential("sk-ant-oat01-FIXTUREaccessOTHER").Should().BeFalse();
        string.Join("\n", server.Requests.Select(r => r.ToString())).Should().NotContain("FIXTURE");
    }

    [Fact]
    public async Task Runs_the_child_hook_once_and_answers_non_streaming_requests_with_one_message()
    {
        var hookRuns = 0;
        var seed = new SeedConversation(_ => { Interlocked.Increment(ref hookRuns); return Task.CompletedTask; }, childReply: "done");
        await using var server = await FakeAnthropicServer.StartAsync(seed.Script);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var childBody = $$"""{"model":"m","stream":false,"tools":[{"name":"sessions_spawn"}],"messages":[{"role":"user","content":"{{SeedConversation.ChildMarker}}: work"}]}""";

        for (var i = 0; i < 2; i++)
        {
            using var response = await http.PostAsync("/v1/messages", new StringContent(childBody, Encoding.UTF8, "application/json"));
            var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            message["content"]![0]!["text"]!.GetValue<string>().Should().Be("done");
            message["stop_reason"]!.GetValue<string>().Should().Be("end_turn");
        }

        await seed.ChildHandled;
        hookRuns.Should().Be(1);
        seed.ChildTurns.Should().Be(2);
        seed.Spawns.Should().Be(0, "a child is never told to spawn");
        using var other = await http.PostAsync("/chat/completions", new StringContent("{}", Encoding.UTF8, "application/json"));
        ((int)other.StatusCode).Should().Be(404);
    }
}
