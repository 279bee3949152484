using System.Text.Json.Serialization;

namespace CredWatch.Exporter.Web.Status;

/// <summary>The core fields of <c>/api/status</c>; <see cref="StatusDocument"/> appends one property per <see cref="IStatusContributor"/> section.</summary>
internal sealed class StatusView
{
    public required string Version { get; init; }

    public required DateTimeOffset Now { get; init; }

    public required bool Ready { get; init; }

    public required DateTimeOffset? LastScanAt { get; init; }

    [JsonPropertyName("openclawStateDir")]
    public required string? OpenClawStateDir { get; init; }

    public required IReadOnlyList<StoreStatusView> Stores { get; init; }
}
