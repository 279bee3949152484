using System.CommandLine;
using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Resync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Cli;

/// <summary>
/// <c>credwatch sync [--dry-run] [--agent ID]...</c>: one scan, then repair every provably stale copy (or say
/// what would be repaired). One line per agent/profile on stdout; exit 1 when any repair failed, 0 otherwise
/// (refusals are decisions, not failures), 3 on bad configuration. Logs go to stderr.
/// </summary>
internal static class SyncVerb
{
    public static Command Create(CommonOptions common)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be repaired; write nothing" };
        var agents = new Option<string[]>("--agent")
        {
            Description = "Only this OpenClaw agent (repeatable; default every agent)",
            HelpName = "ID",
            AllowMultipleArgumentsPerToken = false,
        };
        var resync = new ResyncCliOptions();
        var command = new Command("sync", "Repair stale OpenClaw credential copies from their source of truth, once (exit 1 if a repair failed)") { dryRun, agents };
        resync.AddModeTo(command);
        command.SetAction((parse, ct) => RunAsync(common, resync, parse, parse.GetValue(dryRun), parse.GetValue(agents) ?? [], ct));
        return command;
    }

    private static async Task<int> RunAsync(
        CommonOptions common, ResyncCliOptions resync, ParseResult parse, bool dryRun, string[] agents, CancellationToken cancellationToken)
    {
        ResyncRunner runner;
        try
        {
            var overrides = common.ToConfiguration(parse);
            foreach (var (k, v) in resync.ToConfiguration(parse))
            {
                overrides[k] = v;
            }

            var app = CredWatchHost.CreateBuilder(parse.GetValue(common.Config), overrides, LogLevel.Warning).Build();
            runner = app.Services.GetRequiredService<ResyncRunner>();
        }
        catch (Exception ex) when (CliErrors.IsConfigurationError(ex))
        {
            return CliErrors.Report(ex);
        }

        var request = new SyncRequest(dryRun, new HashSet<string>(agents, StringComparer.Ordinal));
        var report = await runner.SyncOnceAsync(request, cancellationToken);
        return SyncCommandOutput.Write(report, Console.Out);
    }
}
