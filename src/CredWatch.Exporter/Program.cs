using CredWatch.Exporter.Cli;

namespace CredWatch.Exporter;

internal static class Program
{
    public static Task<int> Main(string[] args) => CliVerbs.InvokeAsync(args);
}
