using CredWatch.Exporter.Reporting;
using CredWatch.LogTail.Hosting;
using CredWatch.LogTail.Scanning;

namespace CredWatch.Exporter.Hosting;

/// <summary>
/// The <c>logs</c> section of <c>/api/status</c>: files followed, whether journald is read, and the recent
/// counted signals rendered exactly as <c>credwatch scan --json</c> renders them (identifiers only: run ids,
/// requester chat/topic; never message text).
/// </summary>
internal sealed class LogTailStatusContributor(LogTailStatus status) : IStatusContributor
{
    public string Name => "logs";

    public StatusSection? GetStatus() => StatusSection.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("followedFiles");
        foreach (var f in status.FollowedFiles)
        {
            w.WriteStringValue(f);
        }

        w.WriteEndArray();
        w.WriteBoolean("journald", status.JournaldEnabled);
        w.WriteStartArray("recentSignals");
        foreach (var s in status.RecentSignals)
        {
            LogScanner.WriteSignal(w, s);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
