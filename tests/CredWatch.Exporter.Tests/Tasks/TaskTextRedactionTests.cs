using CredWatch.Exporter.Tasks;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Tasks;

public sealed class TaskTextRedactionTests
{
    private static LedgerTask Task(string? label, string? text, string? error = null) => new()
    {
        RowId = 1, TaskId = "t-1", Runtime = "subagent", Status = "succeeded", DeliveryStatus = "failed",
        Label = label, TaskText = text, Error = error, CreatedAt = 1,
    };

    [Fact]
    public void A_key_in_the_label_or_in_the_prompt_the_label_falls_back_to_is_masked_before_the_label_is_cut()
    {
        foreach (var key in PastedKeys.All)
        {
            var fromLabel = UndeliveredResultBuilder.Build(Task("use " + key + " for the deploy", null), UndeliveredReason.DeliveryFailed, null);
            var fromPrompt = UndeliveredResultBuilder.Build(Task(null, "Open the PR with " + key + " then report back"), UndeliveredReason.DeliveryFailed, null);

            fromLabel.Label.Should().Be("use [redacted] for the deploy");
            fromPrompt.Label.Should().Be("Open the PR with [redacted] then report back");
        }
    }

    [Fact]
    public void A_key_cut_where_the_reader_stops_reading_is_dropped_not_shown_in_part()
    {
        // 345 spaces fold into one: the cut key would land inside the 80-character label.
        var read = ("see" + new string(' ', 345) + "key " + PastedKeys.Base64)[..TaskLedgerReader.MaxTextRead];
        read.Should().NotContain(PastedKeys.Base64, "the reader's cut falls inside the key");

        var result = UndeliveredResultBuilder.Build(Task(null, read), UndeliveredReason.DeliveryFailed, null);

        result.Label.Should().Be("see key");
    }

    [Fact]
    public void Recorded_errors_are_masked()
    {
        var r = UndeliveredResultBuilder.Redact("401 from provider with token " + PastedKeys.Jwt + " and " + PastedKeys.Slack);

        r.Should().Be("401 from provider with token [redacted] and [redacted]");
    }
}
