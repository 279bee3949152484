using System.CommandLine;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Resync;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tasks;
using CredWatch.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Cli;

/// <summary><c>credwatch run</c> (also the default): the daemon.</summary>
internal static class RunVerb
{
    /// <summary>Exit code when another daemon already uses the state dir.</summary>
    public const int AlreadyRunning = 4;

    public static Command Create(CommonOptions common)
    {
        var command = new Command("run", "Run the daemon: watch every store, serve /metrics, /api/status, /healthz, /readyz (default verb)");
        SetAsDefault(command, common);
        return command;
    }

    /// <summary>Gives <paramref name="root"/> the daemon-only flags and action: <c>run</c>, and the root command (no verb).</summary>
    public static void SetAsDefault(Command root, CommonOptions common)
    {
        var resync = new ResyncCliOptions();
        resync.AddTo(root);
        var tasks = new TaskCliOptions();
        tasks.AddTo(root);
        root.SetAction((parse, ct) => RunAsync(common, resync, tasks, parse, ct));
    }

    private static async Task<int> RunAsync(CommonOptions common, ResyncCliOptions resync, TaskCliOptions tasks, ParseResult parse, CancellationToken cancellationToken)
    {
        WebApplication? app = null;
        StateDirLock? instance = null;
        var overrides = common.ToConfiguration(parse);
        foreach (var (key, value) in resync.ToConfiguration(parse))
        {
            overrides[key] = value;
        }

        tasks.AddConfiguration(parse, overrides);
        var address = Configuration.WebOptions.DefaultListenAddress;
        try
        {
            var builder = CredWatchHost.CreateBuilder(parse.GetValue(common.Config), overrides, LogLevel.Information);
            address = builder.Configuration["CredWatch:Web:ListenAddress"] ?? address;

            // Before the app is built: building already reads state (the outbox, the fingerprint key).
            if (!TryLockStateDir(StateDirOf(builder.Configuration), out instance))
            {
                return AlreadyRunning;
            }

            app = CredWatchHost.BuildDaemon(builder);
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (CliErrors.IsConfigurationError(ex))
        {
            instance?.Dispose();
            await DisposeQuietlyAsync(app);
            return CliErrors.Report(ex, overrides);
        }
        catch (Exception ex) when (CliErrors.IsAddressInUse(ex))
        {
            instance?.Dispose();
            await DisposeQuietlyAsync(app);
            return CliErrors.AddressInUse(address);
        }

        using (instance)
        await using (app)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CredWatch");
            // The bound addresses, not the configured one: with port 0 this is where the daemon really listens.
            var urls = string.Join(", ", app.Urls);
            var stateDir = app.Services.GetRequiredService<StatePaths>().StateDir;
            Hosting.Log.Started(logger, BuildIdentity.Version, BuildIdentity.Revision, urls, stateDir);
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

    /// <summary>
    /// One daemon per state dir: two would each rewrite the same positions, outbox and key. False (after one line on
    /// stderr naming the other's pid) when another holds it; a state dir that cannot be created or locked at all is
    /// not a reason to refuse (the daemon then runs on an in-memory key and says so).
    /// </summary>
    private static bool TryLockStateDir(string stateDir, out StateDirLock? instance)
    {
        try
        {
            instance = StateDirLock.TryAcquire(stateDir, out var owner);
            if (instance is null)
            {
                Console.Error.WriteLine($"credwatch: another CredWatch (pid {owner}) already uses state dir {stateDir}; stop it, or give this one its own --state-dir");
                return false;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            instance = null;
        }

        return true;
    }

    /// <summary>The state dir as the core's <see cref="StatePaths"/> resolves it.</summary>
    private static string StateDirOf(ConfigurationManager configuration)
    {
        var options = configuration.GetSection(CredWatchOptions.SectionName).Get<CredWatchOptions>() ?? new CredWatchOptions();
        return PathEnvironment.FromProcess(options.Home).StateDir(options.StateDir, homeOverridden: !string.IsNullOrEmpty(options.Home));
    }
}
