using System.CommandLine;
using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Resync;
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
        command.SetAction((parse, ct) => RunAsync(common, resync, parse, ct));
        return command;
    }

    /// <summary>The root command runs the daemon too (no verb): it gets the same daemon-only flags.</summary>
    public static void SetAsDefault(RootCommand root, CommonOptions common)
    {
        var resync = new ResyncCliOptions();
        resync.AddTo(root);
        root.SetAction((parse, ct) => RunAsync(common, resync, parse, ct));
    }

    public static async Task<int> RunAsync(CommonOptions common, ResyncCliOptions resync, ParseResult parse, CancellationToken cancellationToken)
    {
        WebApplication? app = null;
        var overrides = Merge(common.ToConfiguration(parse), resync.ToConfiguration(parse));
        var address = Configuration.WebOptions.DefaultListenAddress;
        try
        {
            var builder = CredWatchHost.CreateBuilder(parse.GetValue(common.Config), overrides, LogLevel.Information);
            address = builder.Configuration["CredWatch:Web:ListenAddress"] ?? address;
            app = CredWatchHost.BuildDaemon(builder);
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (CliErrors.IsConfigurationError(ex))
        {
            await DisposeQuietlyAsync(app);
            return CliErrors.Report(ex, overrides);
        }
        catch (Exception ex) when (CliErrors.IsAddressInUse(ex))
        {
            await DisposeQuietlyAsync(app);
            return CliErrors.AddressInUse(address);
        }

        await using (app)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CredWatch");
            // The bound addresses, not the configured one: with port 0 this is where the daemon really listens.
            var urls = string.Join(", ", app.Urls);
            var stateDir = app.Services.GetRequiredService<StatePaths>().StateDir;
            Hosting.Log.Started(logger, CoreMetrics.Version, BuildIdentity.Revision, urls, stateDir);
            await app.WaitForShutdownAsync(cancellationToken);
            Hosting.Log.ShuttingDown(logger);
        }

        return 0;
    }

    // A host that failed to start still holds its logger (and console queue): flush it without a second error.
    private static async Task DisposeQuietlyAsync(WebApplication? app)
    {
        if (app is null)
        {
            return;
        }

        try
        {
            await app.DisposeAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException or AggregateException or IOException)
        {
            // Already reported: the start failed.
        }
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
