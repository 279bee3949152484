using System.Globalization;
using System.Text.Json;

namespace CredWatch.TestSupport.Prometheus;

/// <summary>
/// The real Debian Alertmanager (`prometheus-alertmanager`) on 127.0.0.1:&lt;random&gt;, clustering off,
/// temp storage, running the given config (e.g. <see cref="AlertmanagerExampleConfig.Render"/>).
/// </summary>
public sealed class AlertmanagerServer : LoopbackServerProcess
{
    private AlertmanagerServer()
        : base(PromBinaries.Alertmanager)
    {
    }

    public string ConfigPath => Path.Combine(WorkDir, "alertmanager.yml");

    public static Task<AlertmanagerServer> StartAsync(string configYaml)
    {
        var server = new AlertmanagerServer();
        return StartAsync(server, server.ConfigPath, configYaml);
    }

    protected override IEnumerable<string> Arguments(int port) =>
    [
        "--config.file=" + ConfigPath,
        "--storage.path=" + Path.Combine(WorkDir, "data"),
        "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
        // Empty = no HA gossip listener (it would bind 0.0.0.0:9094).
        "--cluster.listen-address=",
        "--log.level=warn",
    ];

    /// <summary>GET /api/v2/alerts: alerts Alertmanager received and holds.</summary>
    public async Task<IReadOnlyList<PromAlert>> GetAlertsAsync()
    {
        using var doc = JsonDocument.Parse(await GetStringAsync("api/v2/alerts"));
        return doc.RootElement.EnumerateArray()
            .Select(a => new PromAlert(
                PromJson.StringMap(a.GetProperty("labels")),
                PromJson.StringMap(a.GetProperty("annotations")),
                a.GetProperty("status").GetProperty("state").GetString() ?? string.Empty))
            .ToList();
    }
}
