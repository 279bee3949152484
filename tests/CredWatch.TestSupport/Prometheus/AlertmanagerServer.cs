using System.Globalization;
using System.Text.Json;

namespace CredWatch.TestSupport.Prometheus;

/// <summary>
/// The real Debian Alertmanager (`prometheus-alertmanager`) on 127.0.0.1:&lt;random&gt;, temp storage, running the
/// given config (e.g. <see cref="AlertmanagerExampleConfig.Render"/>); clustering off unless started with
/// <see cref="StartClusteredAsync"/>.
/// </summary>
public sealed class AlertmanagerServer : LoopbackServerProcess
{
    private readonly string[] _clusterArguments;

    private AlertmanagerServer(string[]? clusterArguments = null)
        : base(PromBinaries.Alertmanager)
    {
        // Empty listen address = no HA gossip listener (it would bind 0.0.0.0:9094).
        _clusterArguments = clusterArguments ?? ["--cluster.listen-address="];
    }

    public string ConfigPath => Path.Combine(WorkDir, "alertmanager.yml");

    public static Task<AlertmanagerServer> StartAsync(string configYaml)
    {
        var server = new AlertmanagerServer();
        return StartAsync(server, server.ConfigPath, configYaml);
    }

    /// <summary>
    /// One member of an Alertmanager cluster: gossip on 127.0.0.1:<paramref name="clusterPort"/>, peers at
    /// 127.0.0.1:<paramref name="peerPorts"/>. <paramref name="peerTimeout"/> is how long the member at
    /// position n waits (n × timeout) for an earlier member's notification before sending itself.
    /// </summary>
    public static Task<AlertmanagerServer> StartClusteredAsync(string configYaml, int clusterPort, IEnumerable<int> peerPorts, TimeSpan peerTimeout)
    {
        ArgumentNullException.ThrowIfNull(peerPorts);
        var address = "127.0.0.1:" + clusterPort.ToString(CultureInfo.InvariantCulture);
        string[] args =
        [
            "--cluster.listen-address=" + address,
            "--cluster.advertise-address=" + address,
            "--cluster.peer-timeout=" + ((int)peerTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms",
            .. peerPorts.Select(p => "--cluster.peer=127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)),
        ];
        var server = new AlertmanagerServer(args);
        return StartAsync(server, server.ConfigPath, configYaml);
    }

    protected override IEnumerable<string> Arguments(int port) =>
    [
        "--config.file=" + ConfigPath,
        "--storage.path=" + Path.Combine(WorkDir, "data"),
        "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
        .. _clusterArguments,
        "--log.level=warn",
    ];

    /// <summary>GET /api/v2/status: the cluster's status ("ready", "settling", "disabled") and how many members this one sees.</summary>
    public async Task<(string Status, int Peers)> GetClusterAsync()
    {
        using var doc = JsonDocument.Parse(await GetStringAsync("api/v2/status"));
        var cluster = doc.RootElement.GetProperty("cluster");
        var peers = cluster.TryGetProperty("peers", out var p) && p.ValueKind == JsonValueKind.Array ? p.GetArrayLength() : 0;
        return (cluster.GetProperty("status").GetString() ?? string.Empty, peers);
    }

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
