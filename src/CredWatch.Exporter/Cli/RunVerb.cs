using System.CommandLine;
using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Resync;
using CredWatch.Exporter.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Cli;

/// <summary><c>credwatch run</c> (also the default): the daemon.</summary>
internal static class RunVerb
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("run", "Run the daemon: watch every store, serve /metrics, /api/status, /healthz, /readyz (default verb)");
        var resync = new ResyncCliOptions();
        resync.AddTo(command);
        var tasks = new TaskCliOptions();
        tasks.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(common, resync, parse, ct, tasks));
        return command;
    }

    /// <summary>The root command runs the daemon too (no verb): it gets the same daemon-only flags.</summary>
    public static void SetAsDefault(RootCommand root, CommonOptions common)
    {
        var resync = new ResyncCliOptions();
        resync.AddTo(root);
        var tasks = new TaskCliOptions();
        tasks.AddTo(root);
        root.SetAction((parse, ct) => RunAsync(common, resync, parse, ct, tasks));
    }

    public static async Task<int> RunAsync(CommonOptions common, ResyncCliOptions resync, ParseResult parse, CancellationToken cancellationToken, TaskCliOptions? tasks = null)
    {
        WebApplication app;
        try
        {
            var overrides = Merge(common.ToConfiguration(parse), resync.ToConfiguration(parse));
            tasks?.AddConfiguration(parse, overrides);
            var builder = CredWatchHost.CreateBuilder(parse.GetValue(common.Config), overrides, LogLevel.Information);
            app = CredWatchHost.BuildDaemon(builder);
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (CliErrors.IsConfigurationError(ex))
        {
            return CliErrors.Report(ex);
        }

        await using (app)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CredWatch");
            var urls = string.Join(", ", app.Urls);
            var stateDir = app.Services.GetRequiredService<StatePaths>().StateDir;
            Hosting.Log.Started(logger, CoreMetrics.Version, urls, stateDir);
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    private static Dictionary<string, string?> Merge(Dictionary<string, string?> common, Dictionary<string, string?> daemon)
    {
        foreach (var (key, value) in daemon)
        {
            common[key] = value;
        }

        return common;
    }
}
