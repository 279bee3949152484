using CredWatch.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CredWatch.Alerts.Commands;
using CredWatch.Alerts.Delivery;
using CredWatch.Alerts.Discovery;
using CredWatch.Alerts.Metrics;
using CredWatch.Alerts.Model;

namespace CredWatch.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the alert pipeline: <see cref="IAlertSink"/> (publish conditions / raise events),
    /// <see cref="IAlertTester"/> (alert-test), the sending loop as a hosted service, and the
    /// <c>CredWatch.Alerts</c> meter. Reads <c>CredWatch:Alerts</c> and <c>CredWatch:Telegram</c> only: the host sets
    /// <see cref="AlertsOptions.StateDir"/> when it has a default, and hands over OpenClaw's Telegram setup through
    /// <paramref name="openClaw"/> (none: CredWatch's own settings alone).
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, OpenClawTelegram>? openClaw = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AlertsOptions>().Bind(configuration.GetSection(AlertsOptions.SectionName)).ValidateOnStart();
        services.AddOptions<TelegramOptions>().Bind(configuration.GetSection(TelegramOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertsOptions>, AlertsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        // Request URIs carry the bot token: no HttpClient logging category may ever print them.
        services.AddLogging(b => b.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning));

        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<AlertsOptions>>().Value);
        services.TryAddSingleton(sp =>
        {
            var setup = new TelegramDiscovery(
                sp.GetRequiredService<IOptions<TelegramOptions>>().Value, openClaw?.Invoke(sp) ?? OpenClawTelegram.None, Environment.GetEnvironmentVariable).Discover();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("CredWatch.Alerts.Discovery");
            foreach (var note in setup.Notes)
            {
                Log.DiscoveryNote(logger, note);
            }

            foreach (var target in setup.DefaultTargets)
            {
                Log.TargetDiscovered(logger, target.ToString());
            }

            if (setup.CanSend)
            {
                Log.AlertsEnabled(logger, setup.DefaultTargets.Count, setup.Accounts.Count);
            }
            else
            {
                Log.AlertsDisabled(logger, setup.Notes.Count > 0 ? setup.Notes[^1] : "no target");
            }

            return setup;
        });
        services.TryAddSingleton<AlertMetrics>();
        services.TryAddSingleton(sp => new TelegramSender(
            sp.GetRequiredService<TelegramSetup>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<AlertsOptions>().SendTimeout));
        services.AddCredWatchStateFiles();
        // A factory: the constructor is internal (its parameters are), the engine itself is public for the host's status.
        services.TryAddSingleton(sp => new AlertEngine(
            sp.GetRequiredService<AlertsOptions>(), sp.GetRequiredService<TelegramSetup>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<AlertMetrics>(), sp.GetRequiredService<StateFileReporter>(), sp.GetRequiredService<ILogger<AlertEngine>>()));
        services.TryAddSingleton<IAlertSink>(sp => sp.GetRequiredService<AlertEngine>());
        services.TryAddSingleton<IAlertTester, AlertTester>();
        services.AddHostedService<AlertDispatcher>();
        services.AddHostedService<CommandBotService>();
        return services;
    }
}
