namespace CredWatch.Exporter.Tests.RealOpenClaw;

/// <summary>Real OpenClaw runs are CPU-heavy (node, ~10 s per doctor): never run two at once on a 2-core box.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealOpenClawSerial
{
    public const string Name = "RealOpenClaw";
}
