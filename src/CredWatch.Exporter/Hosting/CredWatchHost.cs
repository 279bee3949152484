using CredWatch.Exporter.AlertMapping;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Hosting.Logging;
using CredWatch.Exporter.Web;
using CredWatch.Exporter.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace CredWatch.Exporter.Hosting;

/// <summary>
/// Builds CredWatch's application for any verb: configuration layering, logging to stderr, core services
/// and (for <c>run</c>) Kestrel + endpoints. The single place where components are wired.
/// </summary>
internal static class CredWatchHost
{
    /// <summary>
    /// A builder with configuration and every component's services registered. <paramref name="minimumLevel"/> is the
    /// verb's default; <c>CredWatch:Log:Level</c> / <c>CredWatch:Log:Format</c> (<c>--log.level</c>, <c>--log.format</c>) override it.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string? configFile, IReadOnlyDictionary<string, string?> cliOverrides, LogLevel minimumLevel)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCredWatchSources(configFile, cliOverrides);
        var log = LogSettingsFrom(builder.Configuration, minimumLevel);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(log.Level);
        // Telegram tokens sit in request URIs; ASP.NET/HttpClient chatter stays off the log (toolchain.md).
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        // Kestrel and the host log a failed bind with its stack trace before the exception reaches the CLI, which says
        // the same in one line (address in use): their start-up failures are the CLI's to report.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Logging.AddConsole(o => o.FormatterName = PromslogFormatter.FormatterName);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, PromslogFormatter>(sp => new PromslogFormatter(log.Format, sp.GetRequiredService<TimeProvider>())));
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddCredWatchComponents(builder.Configuration);
        return builder;
    }

    private static LogSettings LogSettingsFrom(ConfigurationManager configuration, LogLevel fallback)
    {
        var level = configuration["CredWatch:Log:Level"];
        var format = configuration["CredWatch:Log:Format"];
        var parsedLevel = string.IsNullOrEmpty(level) ? fallback : LogSettings.ParseLevel(level)
            ?? throw new InvalidDataException($"CredWatch:Log:Level '{level}' is not one of {string.Join(", ", LogSettings.LevelNames)}");
        var parsedFormat = string.IsNullOrEmpty(format) ? LogFormat.Logfmt : LogSettings.ParseFormat(format)
            ?? throw new InvalidDataException($"CredWatch:Log:Format '{format}' is not one of {string.Join(", ", LogSettings.FormatNames)}");
        return new LogSettings(parsedLevel, parsedFormat);
    }

    /// <summary>Registers every component. Integration point: other components' <c>AddXxx</c> go here.</summary>
    public static IServiceCollection AddCredWatchComponents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCredWatchCore(configuration);
        Push.PushServiceCollectionExtensions.AddCredWatchPush(services, configuration);
        Resync.ResyncServiceCollectionExtensions.AddCredWatchResync(services, configuration);
        services.AddCredWatchLogTail(configuration);
        services.AddCredWatchTaskLedger(configuration);
        Health.HealthServiceCollectionExtensions.AddProfileHealth(services, configuration);
        Effective.EffectiveServiceCollectionExtensions.AddEffectiveCredentials(services);
        services.AddCredWatchAlerting(configuration);
        return services;
    }

    /// <summary>
    /// The daemon: Kestrel on <c>Web:ListenAddress</c> (TLS / basic auth from <c>Web:ConfigFile</c>, the
    /// exporter-toolkit web config), telemetry, background monitors, endpoints behind the web security middleware.
    /// </summary>
    public static WebApplication BuildDaemon(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(CredWatchOptions.SectionName);
        var web = section.Get<CredWatchOptions>()?.Web ?? new WebOptions();
        builder.Services.AddCredWatchWebSecurity(section);
        builder.Services.AddCredWatchTelemetry(builder.Configuration, Environment.MachineName + "/" + web.ListenAddress);
        builder.Services.AddCredWatchDaemon();
        builder.Services.AddHostedService<WiringStartupSummary>();
        var app = builder.Build();
        app.UseCredWatchWebSecurity();
        app.MapCredWatchEndpoints();
        return app;
    }

    /// <summary>Maps every component's routes. Integration point: other components' <c>MapXxx</c> go here.</summary>
    public static WebApplication MapCredWatchEndpoints(this WebApplication app)
    {
        app.MapCredWatchCore();
        return app;
    }
}
