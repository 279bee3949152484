namespace CredWatch.Exporter.Tests.RealOpenClaw;

/// <summary>
/// Real OpenClaw runs are CPU-heavy (node, ~10 s per doctor): never two at once on a 2-core box. The collection runs
/// beside the others, and first (<see cref="Support.LongestCollectionFirst"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealOpenClawSerial
{
    public const string Name = "RealOpenClaw";
}
