using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace CredWatch.TestSupport.Prometheus;

/// <summary>
/// The real Debian `prometheus` on 127.0.0.1:&lt;random&gt; with temp storage, scraping the given targets and
/// evaluating the given rule files. Query it through the HTTP API like Grafana does.
/// </summary>
public sealed class PrometheusServer : LoopbackServerProcess
{
    private readonly string[] _extraArguments;

    private PrometheusServer(string[]? extraArguments = null)
        : base(PromBinaries.Prometheus)
    {
        _extraArguments = extraArguments ?? [];
    }

    public string ConfigPath => Path.Combine(WorkDir, "prometheus.yml");

    public static Task<PrometheusServer> StartAsync(PrometheusServerOptions options) => StartWithConfigAsync(RenderConfig(options));

    /// <summary>Starts with a hand-written prometheus.yml (TLS, basic auth, relabelling: what the options do not cover).</summary>
    public static Task<PrometheusServer> StartWithConfigAsync(string configYaml) => StartWithConfigAsync(configYaml, []);

    /// <summary>As <see cref="StartWithConfigAsync(string)"/>, with more flags (e.g. <c>--web.enable-remote-write-receiver</c>).</summary>
    public static Task<PrometheusServer> StartWithConfigAsync(string configYaml, string[] extraArguments)
    {
        var server = new PrometheusServer(extraArguments);
        return StartAsync(server, server.ConfigPath, configYaml);
    }

    public static string RenderConfig(PrometheusServerOptions options)
    {
        var seconds = (TimeSpan t) => ((int)Math.Max(1, t.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
        var sb = new StringBuilder();
        sb.AppendLine("global:");
        sb.AppendLine($"  scrape_interval: {seconds(options.ScrapeInterval)}");
        sb.AppendLine($"  scrape_timeout: {seconds(options.ScrapeInterval)}");
        sb.AppendLine($"  evaluation_interval: {seconds(options.EvaluationInterval)}");
        if (options.RuleFiles.Count > 0)
        {
            sb.AppendLine("rule_files:");
            foreach (var f in options.RuleFiles)
            {
                sb.AppendLine($"  - {JsonSerializer.Serialize(f)}");
            }
        }

        if (options.AlertmanagerHostPort is { } am)
        {
            sb.AppendLine("alerting:");
            sb.AppendLine("  alertmanagers:");
            sb.AppendLine($"    - static_configs: [{{targets: [{JsonSerializer.Serialize(am)}]}}]");
        }

        sb.AppendLine("scrape_configs:");
        foreach (var t in options.Targets)
        {
            sb.AppendLine($"  - job_name: {JsonSerializer.Serialize(t.Job)}");
            sb.AppendLine($"    metrics_path: {JsonSerializer.Serialize(t.MetricsPath)}");
            sb.AppendLine($"    honor_labels: {(t.HonorLabels ? "true" : "false")}");
            sb.AppendLine($"    static_configs: [{{targets: [{JsonSerializer.Serialize(t.HostPort)}]}}]");
            if (t.ExtraYaml is { } extra)
            {
                sb.AppendLine(extra.TrimEnd());
            }
        }

        return sb.ToString();
    }

    protected override IEnumerable<string> Arguments(int port) =>
    [
        "--config.file=" + ConfigPath,
        "--storage.tsdb.path=" + Path.Combine(WorkDir, "data"),
        "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
        "--log.level=warn",
        .. _extraArguments,
    ];

    /// <summary>GET /api/v1/query. A query that does not parse comes back as status "error", errorType "bad_data".</summary>
    public async Task<PromQueryResult> QueryAsync(string promql, DateTimeOffset? at = null)
    {
        var uri = "api/v1/query?query=" + Uri.EscapeDataString(promql);
        if (at is { } time)
        {
            uri += "&time=" + time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        using var response = await Http.GetAsync(new Uri(BaseUri, uri));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity))
        {
            throw new HttpRequestException($"query {promql} -> {(int)response.StatusCode}: {body}");
        }

        return PromJson.QueryResult(body);
    }

    /// <summary>GET /api/v1/alerts: pending and firing alerts of the loaded rules.</summary>
    public async Task<IReadOnlyList<PromAlert>> GetAlertsAsync()
    {
        using var doc = JsonDocument.Parse(await GetStringAsync("api/v1/alerts"));
        return doc.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Select(a => new PromAlert(
                PromJson.StringMap(a.GetProperty("labels")),
                PromJson.StringMap(a.GetProperty("annotations")),
                a.GetProperty("state").GetString() ?? string.Empty))
            .ToList();
    }

    /// <summary>GET /api/v1/rules: name → (health, lastError) of every loaded rule.</summary>
    public async Task<IReadOnlyDictionary<string, (string Health, string? LastError)>> GetRuleHealthAsync()
    {
        using var doc = JsonDocument.Parse(await GetStringAsync("api/v1/rules"));
        var map = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        foreach (var group in doc.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray())
        {
            foreach (var rule in group.GetProperty("rules").EnumerateArray())
            {
                var name = rule.GetProperty("name").GetString()!;
                var health = rule.TryGetProperty("health", out var h) ? h.GetString() ?? "unknown" : "unknown";
                var lastError = rule.TryGetProperty("lastError", out var le) ? le.GetString() : null;
                map[name + (rule.GetProperty("type").GetString() == "alerting" ? string.Empty : "#record")] = (health, lastError);
            }
        }

        return map;
    }

    /// <summary>GET /api/v1/targets: job → health ("up", "down", "unknown") of each active target.</summary>
    public async Task<IReadOnlyList<(string Job, string Health, string? LastError)>> GetTargetsAsync()
    {
        using var doc = JsonDocument.Parse(await GetStringAsync("api/v1/targets"));
        return doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => (
                t.GetProperty("labels").GetProperty("job").GetString() ?? string.Empty,
                t.GetProperty("health").GetString() ?? string.Empty,
                t.TryGetProperty("lastError", out var e) ? e.GetString() : null))
            .ToList();
    }
}
