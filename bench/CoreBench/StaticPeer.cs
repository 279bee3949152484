using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CoreBench;

/// <summary>
/// The peer: the same bytes the daemon's /metrics returned, served as a static response by Kestrel on loopback and
/// fetched the same way. What a scrape costs beyond moving its text over HTTP is the difference.
/// </summary>
internal static class StaticPeer
{
    public static async Task<Stats> RunAsync(byte[] body, int count)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/metrics", () => Results.Bytes(body, "text/plain; version=0.0.4; charset=utf-8"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var ms = new List<double>();
        for (var i = 0; i < count + 5; i++)
        {
            var sw = Stopwatch.StartNew();
            _ = await http.GetByteArrayAsync(new Uri("/metrics", UriKind.Relative));
            if (i >= 5)
            {
                ms.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        await app.StopAsync();
        return Stats.Of(ms);
    }
}
