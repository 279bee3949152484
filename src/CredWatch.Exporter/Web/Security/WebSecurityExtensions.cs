using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Web.Security;

/// <summary>The two calls the host makes: <c>AddCredWatchWebSecurity</c> before Build, <c>UseCredWatchWebSecurity</c> first in the pipeline.</summary>
public static class WebSecurityExtensions
{
    /// <summary>
    /// Registers the listener (Kestrel on <c>Web:ListenAddress</c>, TLS from the web config), the web config
    /// store and reloader, basic auth, metrics and the insecure-exposure warning.
    /// <paramref name="credWatchSection"/> is the <c>CredWatch</c> section: keys are read from its <c>Web</c> child.
    /// </summary>
    public static IServiceCollection AddCredWatchWebSecurity(this IServiceCollection services, IConfiguration credWatchSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(credWatchSection);
        var web = credWatchSection.GetSection("Web");
        services.AddOptionsWithValidateOnStart<WebSecurityOptions>().Configure(options => Bind(web, options));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebSecurityOptions>, WebSecurityOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<WebSecurityMetrics>();
        services.TryAddSingleton<WebConfigStore>();
        services.TryAddSingleton<BasicAuthenticator>();
        services.TryAddSingleton<TlsConnectionOptionsFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, KestrelWebSecuritySetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InsecureExposureNotifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebConfigReloader>());
        return services;
    }

    /// <summary>Adds the header + basic auth middleware. Call it before mapping any endpoint.</summary>
    public static IApplicationBuilder UseCredWatchWebSecurity(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<WebSecurityMiddleware>();
    }

    // Hand-written binding: no reflection binder (AOT), and list values replace the defaults instead of appending.
    private static void Bind(IConfigurationSection web, WebSecurityOptions options)
    {
        if (web["ListenAddress"] is { Length: > 0 } listen)
        {
            options.ListenAddress = listen.Trim();
        }

        if (web["ConfigFile"] is { Length: > 0 } file)
        {
            options.ConfigFile = file;
        }

        var paths = web.GetSection("UnauthenticatedPaths");
        var children = paths.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (paths.Value is not null)
        {
            children.AddRange(paths.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        if (paths.Value is not null || children.Count > 0)
        {
            options.UnauthenticatedPaths = children;
        }

        options.ReloadInterval = Duration(web, "ReloadInterval", options.ReloadInterval, options.BindErrors);
        options.AuthFailureDelay = Duration(web, "AuthFailureDelay", options.AuthFailureDelay, options.BindErrors);
        options.AuthCacheDuration = Duration(web, "AuthCacheDuration", options.AuthCacheDuration, options.BindErrors);
    }

    private static TimeSpan Duration(IConfigurationSection web, string key, TimeSpan fallback, List<string> errors)
    {
        var text = web[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add($"CredWatch:Web:{key} '{text}' is not a duration (hh:mm:ss)");
        return fallback;
    }
}
