using System.Text.RegularExpressions;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>docker-compose.yml, Dockerfile, deploy/prometheus.yml and Grafana provisioning line up with each other.</summary>
public sealed partial class DeployFilesTests
{
    private static Dictionary<object, object> Services() =>
        OpsFiles.Map(OpsFiles.Get(OpsFiles.Map(OpsFiles.LoadYaml(OpsFiles.Compose), "compose"), "services"), "services");

    [Fact]
    public void Compose_file_parses_and_has_the_four_services()
    {
        Services().Keys.Select(OpsFiles.Str).Should().Contain(["credwatch", "prometheus", "alertmanager", "grafana"]);
    }

    [Fact]
    public void Every_host_path_mounted_by_compose_exists()
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        var checkedPaths = 0;
        foreach (var (name, service) in Services())
        {
            foreach (var volume in OpsFiles.Get(OpsFiles.Map(service, "service"), "volumes") as List<object> ?? [])
            {
                var source = OpsFiles.Str(volume).Split(':')[0];
                if (!source.StartsWith('.') && !source.StartsWith('/') && !source.StartsWith('$'))
                {
                    continue; // a named volume
                }

                if (source.StartsWith("${HOME}/", StringComparison.Ordinal) || source.StartsWith("/tmp/openclaw", StringComparison.Ordinal))
                {
                    continue; // the operator's own data (their logins, the gateway's log), not the repository's
                }

                var path = source.Replace("${HOME}", home, StringComparison.Ordinal);
                path = Path.GetFullPath(path.StartsWith('.') ? Path.Combine(OpsFiles.Root, path) : path);
                (File.Exists(path) || Directory.Exists(path)).Should().BeTrue($"{name} mounts {source} ({path})");
                checkedPaths++;
            }
        }

        checkedPaths.Should().BeGreaterThan(4);
    }

    [Fact]
    public void Prometheus_config_targets_are_compose_services_on_their_published_ports()
    {
        var config = OpsFiles.Map(OpsFiles.LoadYaml(OpsFiles.PrometheusConfig), "prometheus.yml");
        var services = Services();
        var targets = new List<string>();
        foreach (var job in OpsFiles.Seq(OpsFiles.Get(config, "scrape_configs"), "scrape_configs"))
        {
            var jobMap = OpsFiles.Map(job, "job");
            foreach (var sc in OpsFiles.Seq(OpsFiles.Get(jobMap, "static_configs"), "static_configs"))
            {
                targets.AddRange(OpsFiles.Seq(OpsFiles.Get(OpsFiles.Map(sc, "static_config"), "targets"), "targets").Select(OpsFiles.Str));
            }
        }

        var alerting = OpsFiles.Map(OpsFiles.Get(config, "alerting"), "alerting");
        foreach (var am in OpsFiles.Seq(OpsFiles.Get(alerting, "alertmanagers"), "alertmanagers"))
        {
            foreach (var sc in OpsFiles.Seq(OpsFiles.Get(OpsFiles.Map(am, "am"), "static_configs"), "static_configs"))
            {
                targets.AddRange(OpsFiles.Seq(OpsFiles.Get(OpsFiles.Map(sc, "static_config"), "targets"), "targets").Select(OpsFiles.Str));
            }
        }

        targets.Should().Contain(["credwatch:9797", "alertmanager:9093"]);
        foreach (var target in targets.Where(t => !t.StartsWith("localhost:", StringComparison.Ordinal)))
        {
            var (host, port) = (target.Split(':')[0], target.Split(':')[1]);
            services.Should().ContainKey(host, target);
            var service = OpsFiles.Map(services[host], host);
            ListenPort(service).Should().Be(port, $"{host} must listen on the port Prometheus uses ({target})");
            var published = (OpsFiles.Get(service, "ports") as List<object> ?? []).Select(OpsFiles.Str).ToList();
            published.Should().Contain(p => p.EndsWith(":" + port, StringComparison.Ordinal), $"{host} publishes {port}");
            published.Should().OnlyContain(p => p.StartsWith("127.0.0.1:", StringComparison.Ordinal), "ports are published on loopback only");
        }

        // The rule file path Prometheus loads is the one compose mounts.
        var ruleFile = OpsFiles.Str(OpsFiles.Seq(OpsFiles.Get(config, "rule_files"), "rule_files")[0]);
        var prometheusVolumes = (OpsFiles.Get(OpsFiles.Map(services["prometheus"], "prometheus"), "volumes") as List<object>)!.Select(OpsFiles.Str);
        prometheusVolumes.Should().Contain($"./alerts/prometheus-rules.yml:{ruleFile}:ro");
    }

    [Fact]
    public void Grafana_datasource_points_at_the_prometheus_service()
    {
        var ds = OpsFiles.Map(OpsFiles.LoadYaml(Path.Combine(OpsFiles.Root, "dashboards", "grafana", "provisioning", "datasources", "credwatch-prometheus.yml")), "datasource");
        var first = OpsFiles.Map(OpsFiles.Seq(OpsFiles.Get(ds, "datasources"), "datasources")[0], "datasource");
        OpsFiles.Str(OpsFiles.Get(first, "url")).Should().Be("http://prometheus:" + ListenPort(OpsFiles.Map(Services()["prometheus"], "prometheus")));

        var provider = OpsFiles.Map(OpsFiles.Seq(OpsFiles.Get(OpsFiles.Map(OpsFiles.LoadYaml(
            Path.Combine(OpsFiles.Root, "dashboards", "grafana", "provisioning", "dashboards", "credwatch.yml")), "provider"), "providers"), "providers")[0], "provider");
        var path = OpsFiles.Str(OpsFiles.Get(OpsFiles.Map(OpsFiles.Get(provider, "options"), "options"), "path"));
        var grafanaVolumes = (OpsFiles.Get(OpsFiles.Map(Services()["grafana"], "grafana"), "volumes") as List<object>)!.Select(OpsFiles.Str);
        grafanaVolumes.Should().Contain(v => v.StartsWith("./dashboards/grafana/credwatch.json:" + path + "/", StringComparison.Ordinal));
    }

    [Fact]
    public void CredWatch_container_mounts_only_what_it_reads_read_only_and_listens_on_all_interfaces_inside()
    {
        var credwatch = OpsFiles.Map(Services()["credwatch"], "credwatch");
        var volumes = (OpsFiles.Get(credwatch, "volumes") as List<object>)!.Select(OpsFiles.Str).ToList();
        volumes.Should().Contain(["${HOME}/.openclaw:/host-home/.openclaw:ro", "${HOME}/.claude:/host-home/.claude:ro", "${HOME}/.codex:/host-home/.codex:ro", "/tmp/openclaw:/tmp/openclaw:ro"]);
        volumes.Should().NotContain(v => v.StartsWith("${HOME}:", StringComparison.Ordinal) || v.StartsWith("/tmp:", StringComparison.Ordinal), "not the whole home, not the whole /tmp");
        volumes.Where(v => v.Contains('/', StringComparison.Ordinal) && !v.StartsWith("credwatch-state:", StringComparison.Ordinal))
            .Should().OnlyContain(v => v.EndsWith(":ro", StringComparison.Ordinal), "CredWatch writes only its own state volume");
        OpsFiles.Str(OpsFiles.Get(credwatch, "read_only")).Should().Be("true");
        ListenAddress(credwatch).Should().Be("0.0.0.0:9797");
    }

    [Fact]
    public void Compose_has_one_alert_path_and_a_healthcheck_that_runs_the_binary()
    {
        var credwatch = OpsFiles.Map(Services()["credwatch"], "credwatch");
        var environment = OpsFiles.Map(OpsFiles.Get(credwatch, "environment"), "environment");
        OpsFiles.Str(OpsFiles.Get(environment, "CREDWATCH_ALERTS__ENABLED")).Should().Be("false", "Alertmanager sends this stack's alerts; both would send each twice");
        var test = OpsFiles.Seq(OpsFiles.Get(OpsFiles.Map(OpsFiles.Get(credwatch, "healthcheck"), "healthcheck"), "test"), "test").Select(OpsFiles.Str).ToList();
        test.Should().Equal("CMD", "/app/credwatch", "healthcheck");
        CredWatch.Exporter.Cli.CliVerbs.CreateRoot().Parse(test.Skip(2).ToArray()).Errors.Should().BeEmpty();
    }

    [Fact]
    public void Dockerfile_healthcheck_runs_the_binary_without_a_shell()
    {
        var line = File.ReadAllLines(OpsFiles.Dockerfile).Single(l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        line.Should().EndWith("CMD [\"/app/credwatch\", \"healthcheck\"]", "exec form: the chiseled image has no shell");
    }

    [Fact]
    public void Dockerfile_builds_native_aot_in_a_multi_stage_build_and_runs_as_non_root()
    {
        var text = File.ReadAllText(OpsFiles.Dockerfile);
        FromLine().Matches(text).Should().HaveCount(2, "an SDK build stage and a runtime stage");
        text.Should().Contain("-p:PublishAot=true").And.Contain("mcr.microsoft.com/dotnet/runtime-deps");
        var user = UserLine().Matches(text).Select(m => m.Groups[1].Value).LastOrDefault();
        user.Should().NotBeNull().And.NotBe("root").And.NotBe("0");
        text.Should().Contain("EXPOSE 9797");
    }

    [RequiresBinariesFact(PromBinaries.Promtool)]
    public async Task Promtool_accepts_the_compose_prometheus_config_syntax()
    {
        var result = await Tool.RunAsync(PromBinaries.Promtool, ["check", "config", "--syntax-only", OpsFiles.PrometheusConfig]);

        result.ExitCode.Should().Be(0, result.ToString());
    }

    private static string ListenAddress(Dictionary<object, object> service)
    {
        var args = (OpsFiles.Get(service, "command") as List<object> ?? []).Select(OpsFiles.Str).ToList();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--web.listen-address" && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--web.listen-address=", StringComparison.Ordinal))
            {
                return args[i]["--web.listen-address=".Length..];
            }
        }

        // Grafana has no flag: its default port.
        return "0.0.0.0:3000";
    }

    private static string ListenPort(Dictionary<object, object> service) => ListenAddress(service).Split(':')[^1];

    [GeneratedRegex(@"^FROM\s", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^USER\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex UserLine();
}
