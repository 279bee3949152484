namespace CredWatch.Exporter.Tests.Hosting;

/// <summary>Tests that measure the process's real GC heap run with no other test running (xunit runs such a collection on its own).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealGcAlone
{
    public const string Name = "Real GC heap (alone)";
}
