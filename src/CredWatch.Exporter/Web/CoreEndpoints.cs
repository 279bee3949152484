using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Web;

/// <summary>Maps the core routes; other components add theirs with their own <c>MapXxx</c> extension next to this one.</summary>
internal static class CoreEndpoints
{
    /// <summary><c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>, <c>/</c>, <c>/api/status</c>.</summary>
    public static IEndpointRouteBuilder MapCredWatchCore(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Observable instruments exist only once CoreMetrics is constructed; /metrics is where they are needed.
        _ = endpoints.ServiceProvider.GetRequiredService<Metrics.CoreMetrics>();
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", (StoreRegistry registry) => registry.Current.Ready
            ? Results.Text("ready\n")
            : Results.Text("first scan not finished\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        endpoints.MapGet("/api/status", (StoreRegistry registry, IServiceProvider services, TimeProvider time) =>
            Results.Bytes(StatusDocument.ToUtf8Json(registry.Current, services.GetServices<IStatusContributor>(), time), "application/json; charset=utf-8"));
        endpoints.MapGet("/", (StoreRegistry registry, IServiceProvider services, TimeProvider time, IOptions<CredWatchOptions> options) =>
        {
            var state = registry.Current;
            var status = StatusDocument.ToUtf8Json(state, services.GetServices<IStatusContributor>(), time);
            return Results.Content(StatusPage.Render(state, status, time.GetUtcNow(), options.Value.Check.WarningWindow), "text/html; charset=utf-8");
        });
        return endpoints;
    }
}
