using System.CommandLine;
using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Metrics;
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
        command.SetAction((parse, ct) => RunAsync(common, parse, ct));
        return command;
    }

    public static async Task<int> RunAsync(CommonOptions common, ParseResult parse, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            var builder = CredWatchHost.CreateBuilder(parse.GetValue(common.Config), common.ToConfiguration(parse), LogLevel.Information);
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
}
