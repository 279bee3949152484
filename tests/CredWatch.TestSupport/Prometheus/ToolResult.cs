namespace CredWatch.TestSupport.Prometheus;

/// <summary>Outcome of running a command-line tool to completion.</summary>
public sealed record ToolResult(int ExitCode, string StdOut, string StdErr)
{
    public string Combined => StdOut + StdErr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}
