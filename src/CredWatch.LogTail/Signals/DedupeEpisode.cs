namespace CredWatch.LogTail.Signals;

internal sealed record DedupeEpisode
{
    public DateTimeOffset Start { get; init; }

    public string? RunId { get; init; }
}
