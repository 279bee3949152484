using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Hosting.Push;

/// <summary>Push mode (docs/ops.md): <c>CredWatch:Push:{Endpoint,Job,Instance,Interval}</c>, off without an endpoint.</summary>
internal static class PushServiceCollectionExtensions
{
    public static IServiceCollection AddCredWatchPush(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PushOptions>().Bind(configuration.GetSection(PushOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PushOptions>, PushOptionsValidator>());
        services.AddHostedService<MetricPushService>();
        return services;
    }
}
