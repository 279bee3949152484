namespace CredWatch.ProcessHarness;

#pragma warning disable CA1032 // a private signal for Main's exit code, never thrown across a boundary
internal sealed class HarnessFailure(int exitCode, string message) : Exception(message)
#pragma warning restore CA1032
{
    public int ExitCode { get; } = exitCode;
}
