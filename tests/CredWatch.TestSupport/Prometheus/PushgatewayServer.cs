using System.Globalization;
using System.Text;

namespace CredWatch.TestSupport.Prometheus;

/// <summary>The real Debian `prometheus-pushgateway` on 127.0.0.1:&lt;random&gt; (no persistence).</summary>
public sealed class PushgatewayServer : LoopbackServerProcess
{
    private PushgatewayServer()
        : base(PromBinaries.Pushgateway)
    {
    }

    public static Task<PushgatewayServer> StartAsync() => StartAsync(new PushgatewayServer());

    protected override IEnumerable<string> Arguments(int port) =>
    [
        "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
        "--log.level=warn",
    ];

    /// <summary>PUT a text exposition as group job/instance (what a push client does).</summary>
    public async Task PushAsync(string job, string instance, string exposition)
    {
        using var content = new StringContent(exposition, Encoding.UTF8, "text/plain");
        content.Headers.ContentType!.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("version", "0.0.4"));
        using var response = await Http.PutAsync(
            new Uri(BaseUri, $"metrics/job/{Uri.EscapeDataString(job)}/instance/{Uri.EscapeDataString(instance)}"), content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"push -> {(int)response.StatusCode}: {body}");
        }
    }

    public Task<string> GetMetricsTextAsync() => GetStringAsync("metrics");
}
