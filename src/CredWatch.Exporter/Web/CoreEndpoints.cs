using System.Text;
using CredWatch.Exporter.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
        endpoints.MapGet("/", (StoreRegistry registry) => Results.Content(Landing(registry.Current), "text/html; charset=utf-8"));
        return endpoints;
    }

    private static string Landing(RegistryState state)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>CredWatch</title></head><body>");
        sb.Append("<h1>CredWatch</h1><p>Watches OpenClaw's OAuth credential stores against their sources of truth.</p><ul>");
        sb.Append("<li><a href=\"/metrics\">/metrics</a></li><li><a href=\"/api/status\">/api/status</a></li>");
        sb.Append("<li><a href=\"/healthz\">/healthz</a></li><li><a href=\"/readyz\">/readyz</a></li></ul>");
        sb.Append("<table border=\"1\"><tr><th>store</th><th>profile</th><th>provider</th><th>state</th></tr>");
        foreach (var c in state.Comparisons)
        {
            sb.Append("<tr><td>").Append(Enc(c.Store.ToString())).Append("</td><td>").Append(Enc(c.DisplayId))
              .Append("</td><td>").Append(Enc(c.Provider)).Append("</td><td>").Append(Enc(c.State)).Append("</td></tr>");
        }

        sb.Append("</table></body></html>");
        return sb.ToString();
    }

    private static string Enc(string s) => System.Net.WebUtility.HtmlEncode(s);
}
