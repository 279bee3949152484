using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CredWatch.State;

public static class StateServiceCollectionExtensions
{
    /// <summary>The shared <see cref="StateFileReporter"/>; every component that persists state calls this.</summary>
    public static IServiceCollection AddCredWatchStateFiles(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton<StateFileReporter>();
        return services;
    }
}
