using System.CommandLine;
using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Tasks;
using CredWatch.LogTail.Scanning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Cli;

/// <summary>
/// <c>credwatch scan FILE... [--json] [--since TIME]</c>: counts failure signals in gateway log files (read-only,
/// nothing remembered). <c>credwatch scan --tasks [STATE_DB] [--json]</c>: lists undelivered task results.
/// </summary>
internal static class ScanVerb
{
    public static Command Create(CommonOptions common)
    {
        var files = new Argument<string[]>("FILE") { Description = "Gateway log files (with --tasks: the state database, default the discovered <openclaw>/state/openclaw.sqlite)", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var since = new Option<string?>("--since") { Description = "Only lines at or after TIME (ISO-8601, or a duration back from now: 7d, 24h, 30m)", HelpName = "TIME" };
        var tasks = new Option<bool>("--tasks") { Description = "Scan OpenClaw's task ledger for undelivered results instead of log files" };
        var command = new Command("scan", "Count failure signals in gateway log files, or (--tasks) list undelivered task results; read-only") { files, json, since, tasks };
        command.SetAction(parse =>
        {
            var args = parse.GetValue(files) ?? [];
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!parse.GetValue(tasks))
            {
                return LogScanner.Run(args, parse.GetValue(json), parse.GetValue(since), output, error);
            }

            if (args.Length > 1 || parse.GetValue(since) is not null)
            {
                error.WriteLine("scan --tasks: takes at most one STATE_DB and no --since");
                return 2;
            }

            return ScanTasks(common, parse, args.FirstOrDefault(), parse.GetValue(json), output);
        });
        return command;
    }

    private static int ScanTasks(CommonOptions common, ParseResult parse, string? database, bool json, TextWriter output)
    {
        TaskLedgerOptions options;
        TimeProvider time;
        try
        {
            var builder = CredWatchHost.CreateBuilder(parse.GetValue(common.Config), common.ToConfiguration(parse), LogLevel.Warning);
            using var app = builder.Build();
            options = app.Services.GetRequiredService<IOptions<TaskLedgerOptions>>().Value;
            time = app.Services.GetRequiredService<TimeProvider>();
        }
        catch (Exception ex) when (CliErrors.IsConfigurationError(ex))
        {
            return CliErrors.Report(ex);
        }

        var path = database ?? options.StateDatabase!;
        return TaskReports.WriteScan(TaskReports.Scan(path, options, time), json, output);
    }
}
