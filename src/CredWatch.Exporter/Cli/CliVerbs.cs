using System.CommandLine;
using CredWatch.Exporter.Web.Security;

namespace CredWatch.Exporter.Cli;

/// <summary>
/// The verbs of <c>credwatch</c>. To add one: create <c>Cli/XxxVerb.cs</c> with
/// <c>public static Command Create(CommonOptions common)</c> and add <c>XxxVerb.Create</c> below.
/// </summary>
internal static class CliVerbs
{
    public static readonly IReadOnlyList<Func<CommonOptions, Command>> Factories =
    [
        RunVerb.Create,
        CheckVerb.Create,
        SyncVerb.Create,
        ScanVerb.Create,
        _ => HashPasswordCommand.Create(),
        AlertTestVerb.Create,
        HealthcheckVerb.Create,
    ];

    /// <summary>The root command: common options, every verb, and <c>run</c> as the default action.</summary>
    public static RootCommand CreateRoot()
    {
        var common = new CommonOptions();
        var root = new RootCommand("CredWatch: watches OpenClaw's OAuth credential stores, exports Prometheus metrics, checks for stale copies.");
        common.AddTo(root);
        foreach (var factory in Factories)
        {
            root.Add(factory(common));
        }

        RunVerb.SetAsDefault(root, common);
        if (root.Options.OfType<VersionOption>().FirstOrDefault() is { } version)
        {
            version.Action = new VersionAction();
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>: a command line that does not parse is one line on stderr and exit 3, not the help.</summary>
    public static Task<int> InvokeAsync(string[] args)
    {
        var parse = CreateRoot().Parse(args);
        return parse.Errors.Count > 0 ? Task.FromResult(CliErrors.Usage(parse)) : parse.InvokeAsync();
    }
}
