using System.CommandLine;
using System.CommandLine.Invocation;

namespace CredWatch.Exporter.Cli;

/// <summary><c>--version</c>: version, source revision and runtime (what a bug report needs).</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Metrics.BuildIdentity.Describe());
        return 0;
    }
}
