using CredWatch.Exporter.AlertMapping;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CredWatch.Exporter.Effective;

/// <summary>Registers the effective-credential view: resolver cache, metric, check and status contributors, alert source.</summary>
internal static class EffectiveServiceCollectionExtensions
{
    public static IServiceCollection AddEffectiveCredentials(this IServiceCollection services)
    {
        services.TryAddSingleton<EffectiveCredentials>();
        services.TryAddSingleton<EffectiveCredentialMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckContributor, EffectiveCheckContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatusContributor, EffectiveStatusContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertConditionSource, EffectiveAlertSource>());
        services.AddHostedService<InstrumentsActivator<EffectiveCredentialMetrics>>();
        return services;
    }
}
