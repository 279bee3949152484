namespace CredWatch.Exporter.Tasks;

/// <summary>On-disk shape of <c>&lt;state-dir&gt;/task-ledger.json</c>.</summary>
internal sealed class CountedTaskFile
{
    public int Version { get; set; } = 1;

    public Dictionary<string, CountedTaskEntry> Tasks { get; set; } = new(StringComparer.Ordinal);
}
