using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Hosting.Memory;

/// <summary>Heap trimming for the daemon: <c>CredWatch:Memory:{Trim,CheckInterval,MinTrimInterval,MinReclaimableBytes}</c>.</summary>
internal static class HeapTrimServiceCollectionExtensions
{
    public static IServiceCollection AddCredWatchHeapTrim(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HeapTrimOptions>().Bind(configuration.GetSection(HeapTrimOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HeapTrimOptions>, HeapTrimOptionsValidator>());
        services.TryAddSingleton<IHeap, GcHeap>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<HeapTrimmer>();
        return services;
    }
}
