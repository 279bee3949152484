using System.Diagnostics;
using System.Globalization;
using CredWatch.Exporter.Tests.Integration;
using CredWatch.Exporter.Tests.Ops;
using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.Tests.Tasks;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;
using CredWatch.TestSupport.Telegram;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace CredWatch.Exporter.Tests.Fleet;

/// <summary>
/// The fleet as docs/ops.md ships it, on loopback with the real binaries: three CredWatch hosts (one with a stale
/// copy, one whose ledger gains an undelivered subagent result, one healthy) at two sites, a Prometheus per site
/// running deploy/fleet/site-prometheus.yml, two global Prometheus — one federating (global-prometheus-federation.yml),
/// one receiving the sites' remote_write (global-prometheus-remote-write.yml) — both evaluating
/// alerts/fleet-global-rules.yml, and two clustered Alertmanagers (the shipped alertmanager.yml) listed in every
/// Prometheus, sending through their telegram receiver to a loopback Bot API. CredWatch's own Telegram is configured
/// on every host and switched off the fleet way (CredWatch:Alerts:Enabled=false).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // Unix modes and real processes: CredWatch runs on Linux
public sealed partial class FleetTests(ITestOutputHelper output)
{
    private const string AlertmanagerBotToken = "123456:FIXTUREbotFLEETalertmanager";
    private const string CredWatchBotToken = "654321:FIXTUREbotFLEETcredwatch";
    private const long Chat = -1001234567890;

    // How long the second cluster member waits for the first one's notification before sending itself.
    // A third of the default (15 s): short for the test, long enough for gossip on a busy 2-core machine.
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(5);

    [RequiresBinariesFact(PromBinaries.Prometheus, PromBinaries.Alertmanager)]
    public async Task Each_incident_reaches_the_chat_once_through_the_global_view_and_the_Alertmanager_cluster()
    {
        var clock = Stopwatch.StartNew();
        var marks = new List<string>();
        void Mark(string what) => marks.Add($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");

        await using var bot = await BotApiTestServer.StartAsync();

        // ---- Alertmanager cluster ----
        var gossip = new[] { FreeTcpPort.Next(), FreeTcpPort.Next() };
        var amConfig = AlertmanagerExampleConfig.Render(bot.BaseUrl, AlertmanagerBotToken, Chat);
        var alertmanagers = await Task.WhenAll(
            AlertmanagerServer.StartClusteredAsync(amConfig, gossip[0], [gossip[1]], PeerTimeout),
            AlertmanagerServer.StartClusteredAsync(amConfig, gossip[1], [gossip[0]], PeerTimeout));
        await using var am1 = alertmanagers[0];
        await using var am2 = alertmanagers[1];
        await Eventually.UntilAsync(
            async () => (await am1.GetClusterAsync()).Peers == 2 && (await am2.GetClusterAsync()).Peers == 2,
            TimeSpan.FromSeconds(30),
            "both Alertmanagers see each other");
        Mark("Alertmanager cluster formed");

        // ---- three CredWatch hosts ----
        // Every host has OpenClaw's task ledger (a real gateway creates it); only the second one's gains a result.
        using var staleLedger = new LedgerDb();
        using var ledger = new LedgerDb();
        using var healthyLedger = new LedgerDb();
        var daemons = await Task.WhenAll(
            StartHostAsync(bot, FleetHome(stale: true), staleLedger),
            StartHostAsync(bot, FleetHome(stale: false), ledger),
            StartHostAsync(bot, FleetHome(stale: false), healthyLedger));
        await using var stale = daemons[0];
        await using var lost = daemons[1];
        await using var healthy = daemons[2];
        Mark("3 CredWatch hosts ready");

        // ---- the shipped fleet configs ----
        var amTargets = FleetFiles.Targets([am1.HostPort, am2.HostPort]);
        await using var remoteWriteGlobal = await PrometheusServer.StartWithConfigAsync(
            FleetFiles.Render(FleetFiles.GlobalRemoteWrite, GlobalReplacements(amTargets)), ["--web.enable-remote-write-receiver"]);
        await using var siteEu = await PrometheusServer.StartWithConfigAsync(
            SiteConfig("eu-1", [stale.HostPort, healthy.HostPort], amTargets, remoteWriteGlobal));
        await using var siteUs = await PrometheusServer.StartWithConfigAsync(
            SiteConfig("us-1", [lost.HostPort], amTargets, remoteWriteGlobal));
        var federationReplacements = new Dictionary<string, string>(GlobalReplacements(amTargets))
        {
            ["[\"prometheus-eu-1:9090\", \"prometheus-us-1:9090\"]"] = FleetFiles.Targets([siteEu.HostPort, siteUs.HostPort]),
        };
        await using var federationGlobal = await PrometheusServer.StartWithConfigAsync(FleetFiles.Render(FleetFiles.GlobalFederation, federationReplacements));
        PrometheusServer[] globals = [federationGlobal, remoteWriteGlobal];
        PrometheusServer[] sites = [siteEu, siteUs];
        Mark("2 site + 2 global Prometheus ready");

        // ---- incident 1: the stale copy, through both global paths, once in the chat ----
        foreach (var global in globals)
        {
            await Eventually.UntilAsync(
                async () => (await global.GetAlertsAsync()).Any(a => a.Name == "CredWatchCopyStale" && a.State == "firing"
                    && a.Label("instance") == stale.HostPort && a.Label("agent") == "hr-bp" && a.Label("site") == "eu-1"),
                TimeSpan.FromSeconds(120),
                $"CredWatchCopyStale firing at the global Prometheus {global.HostPort} ({(global == federationGlobal ? "federation" : "remote_write")})");
        }

        Mark("CredWatchCopyStale firing at both global Prometheus");
        await Eventually.Until(() => Incidents(bot, "CredWatchCopyStale", stale.HostPort).Count > 0, TimeSpan.FromSeconds(60), "CredWatchCopyStale in the chat");
        Mark("CredWatchCopyStale delivered");

        // ---- kill the Alertmanager that sent it; incident 2 must come through the other one ----
        // Alertmanager counts a notification once Telegram's answer is in, a moment after the Bot API recorded it.
        await Eventually.UntilAsync(async () => await NotificationsAsync(am1) + await NotificationsAsync(am2) > 0, TimeSpan.FromSeconds(10), "the sender counted it");
        var sender = await NotificationsAsync(am1) > 0 ? am1 : am2;
        var survivor = sender == am1 ? am2 : am1;
        (await survivor.GetAlertsAsync()).Should().Contain(a => a.Name == "CredWatchCopyStale" && a.Label("instance") == stale.HostPort,
            "every Prometheus alerts both cluster members");
        (await NotificationsAsync(sender)).Should().BeGreaterThan(0, "one of the two sent the message");
        (await NotificationsAsync(survivor)).Should().Be(0, "the cluster sends each notification once");
        await sender.DisposeAsync();
        Mark("the sending Alertmanager killed");

        WiredLedger.AddDeliveryFailed(ledger, "task-fleet-1");
        foreach (var global in globals)
        {
            await Eventually.UntilAsync(
                async () => (await global.GetAlertsAsync()).Any(a => a.Name == "CredWatchTaskResultUndelivered" && a.State == "firing"
                    && a.Label("instance") == lost.HostPort && a.Label("site") == "us-1"),
                TimeSpan.FromSeconds(90),
                $"CredWatchTaskResultUndelivered firing at {global.HostPort}");
        }

        await Eventually.Until(() => Incidents(bot, "CredWatchTaskResultUndelivered", lost.HostPort).Count > 0, TimeSpan.FromSeconds(60),
            "CredWatchTaskResultUndelivered in the chat through the surviving Alertmanager");
        Mark("CredWatchTaskResultUndelivered delivered by the survivor");
        (await NotificationsAsync(survivor)).Should().BeGreaterThan(0);

        // ---- measure the series budget while the survivor has time to (wrongly) resend ----
        var report = await MeasureSeriesAsync([(stale, siteEu), (lost, siteUs), (healthy, siteEu)], globals);
        Mark("series measured");

        // ---- the dashboard's variables slice the global view ----
        await AssertDashboardSlicesAsync(federationGlobal, [stale.HostPort, lost.HostPort, healthy.HostPort]);
        Mark("dashboard checked");

        // A duplicate would come from the survivor re-sending incident 1 (its nflog came by gossip) or from a second
        // path (a site's own copy of the alert, CredWatch's own Telegram): each would arrive within a few peer
        // timeouts and group intervals (1 s) of the last delivery.
        var settle = Stopwatch.StartNew();
        await Eventually.Until(
            () =>
            {
                Incidents(bot, "CredWatchCopyStale", stale.HostPort).Should().ContainSingle("incident 1 arrives once, also after an Alertmanager died");
                Incidents(bot, "CredWatchTaskResultUndelivered", lost.HostPort).Should().ContainSingle("incident 2 arrives once");
                return settle.Elapsed > PeerTimeout * 3;
            },
            PeerTimeout * 4,
            "no duplicate within three peer timeouts");

        var delivered = bot.DeliveredMessages;
        output.WriteLine("Messages in the chat:");
        foreach (var m in delivered)
        {
            output.WriteLine($"--- token {(m.Token == AlertmanagerBotToken ? "alertmanager" : m.Token == CredWatchBotToken ? "credwatch" : "?")}\n{m.Text}");
        }

        foreach (var m in delivered.Where(m => m.Token == AlertmanagerBotToken))
        {
            m.ChatIdNumber.Should().Be(Chat);
        }

        Incidents(bot, "CredWatchCopyStale", stale.HostPort).Single().Text.Should().Contain("hr-bp").And.Contain("credwatch sync");
        Incidents(bot, "CredWatchTaskResultUndelivered", lost.HostPort).Single().Text.Should().Contain("openclaw tasks retry");

        // ---- silence: the healthy host produces nothing, anywhere ----
        delivered.Should().NotContain(m => m.Text!.Contains(healthy.HostPort, StringComparison.Ordinal), "a healthy host sends nothing");
        foreach (var prometheus in sites.Concat(globals))
        {
            (await prometheus.GetAlertsAsync()).Should().NotContain(a => a.Label("instance") == healthy.HostPort && a.State == "firing",
                $"no alert about the healthy host at {prometheus.HostPort}");
        }

        // ---- the fleet switch: CredWatch saw the stale copy but left the chat to Alertmanager ----
        bot.Requests.Should().NotContain(r => r.Token == CredWatchBotToken, "CredWatch:Alerts:Enabled=false: CredWatch's own Telegram stays silent");
        using (var http = new HttpClient())
        {
            // Not a Telegram that cannot send: CredWatch found the bot and the chat, and the switch alone keeps it quiet.
            using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"http://{stale.HostPort}/api/status"));
            var alerts = status.RootElement.GetProperty("alerts");
            alerts.GetProperty("enabled").GetBoolean().Should().BeFalse();
            alerts.GetProperty("canSend").GetBoolean().Should().BeTrue(alerts.ToString());
            alerts.GetProperty("targets").EnumerateArray().Select(t => t.GetString()).Should().Contain(t => t!.Contains(Chat.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var staleMetrics = await stale.ScrapeAsync();
        Gauge(staleMetrics, "credwatch_alerts_firing", "kind=\"stale_copy\"").Should().Be(1, "CredWatch itself still knows the copy is stale");
        Gauge(staleMetrics, "credwatch_alert_outbox_depth", null).Should().Be(0, "nothing waits for a sender that is switched off");

        output.WriteLine(report);
        output.WriteLine("Timings:\n" + string.Join('\n', marks) + $"\n{clock.Elapsed.TotalSeconds,6:F1} s  done");
        FixtureSecrets.AssertNoSecret(
            string.Join('\n', delivered.Select(m => m.Text)) + siteEu.Output + siteUs.Output + federationGlobal.Output + remoteWriteGlobal.Output
                + stale.Output + lost.Output + healthy.Output,
            "chat, Prometheus and CredWatch output",
            extra: [CredWatchBotToken]);
    }

    private static TempHome FleetHome(bool stale)
    {
        var home = new TempHome();

        // Every CLI CredWatch knows is installed: today a store that is simply absent counts not_found errors and
        // fires CredWatchStoreErrors at the site, which is not what this test is about.
        var idToken = Tokens.Jwt("{\"email\":\"dev@example.com\"}");
        var access = Tokens.Jwt("{\"exp\":4102444800}");
        home.Write(".codex/auth.json", $$"""{"OPENAI_API_KEY":null,"tokens":{"id_token":"{{idToken}}","access_token":"{{access}}","refresh_token":"rt_FIXTUREcodexR","account_id":"acc-1"},"last_refresh":"2026-11-01T00:00:00Z"}""");
        if (!stale)
        {
            // The copy holds the current login (what `credwatch sync` leaves behind).
            home.AtomicReplace(Path.Combine(home.AgentDir("hr-bp"), "auth-profiles.json"), File.ReadAllText(Path.Combine(home.AgentDir("main"), "auth-profiles.json")));
        }

        return home;
    }

    /// <summary>A CredWatch with its own Telegram pointed at the chat (as a single host would run it) and the fleet switch off.</summary>
    private static async Task<FixtureDaemon> StartHostAsync(BotApiTestServer bot, TempHome home, LedgerDb ledger)
    {
        var tokenFile = Path.Combine(home.Root, "credwatch-bot-token");
        await File.WriteAllTextAsync(tokenFile, CredWatchBotToken + "\n");
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var env = new Dictionary<string, string>
        {
            ["CREDWATCH_TASKS__STATEDATABASE"] = ledger.Path_,
            ["CREDWATCH_TELEGRAM__APIURL"] = bot.BaseUrl.ToString(),
            ["CREDWATCH_TELEGRAM__BOTTOKENFILE"] = tokenFile,
            ["CREDWATCH_TELEGRAM__CHATID"] = Chat.ToString(CultureInfo.InvariantCulture),
            ["CREDWATCH_ALERTS__ENABLED"] = "false",
        };
        return await FixtureDaemon.StartAsync(home, env);
    }

    private static Dictionary<string, string> GlobalReplacements(string amTargets) => new()
    {
        ["/etc/prometheus/rules/credwatch-fleet-global.yml"] = FleetFiles.Quoted(FleetFiles.GlobalRules),
        ["[\"alertmanager-1:9093\", \"alertmanager-2:9093\"]"] = amTargets,
    };

    private static string SiteConfig(string site, IEnumerable<string> hosts, string amTargets, PrometheusServer remoteWriteGlobal) =>
        FleetFiles.Render(FleetFiles.SitePrometheus, new Dictionary<string, string>
        {
            ["site: eu-1"] = "site: " + site,
            ["/etc/prometheus/rules/credwatch.rules.yml"] = FleetFiles.Quoted(OpsFiles.Rules),
            ["/etc/prometheus/rules/credwatch-fleet-recording.yml"] = FleetFiles.Quoted(FleetFiles.RecordingRules),
            ["[\"alertmanager-1:9093\", \"alertmanager-2:9093\"]"] = amTargets,
            ["[\"gw-eu-1:9797\", \"gw-eu-2:9797\"]"] = FleetFiles.Targets(hosts),
            ["http://prometheus-global:9090/api/v1/write"] = new Uri(remoteWriteGlobal.BaseUri, "api/v1/write").ToString(),
        });

    /// <summary>Firing messages from Alertmanager about <paramref name="alertname"/> naming <paramref name="instance"/>.</summary>
    private static List<BotApiRequest> Incidents(BotApiTestServer bot, string alertname, string instance) =>
    [
        .. bot.DeliveredMessages.Where(m => m.Token == AlertmanagerBotToken && m.Text is { } t
            && t.Contains("FIRING", StringComparison.Ordinal) && t.Contains(alertname, StringComparison.Ordinal) && t.Contains(instance, StringComparison.Ordinal)),
    ];

    private static async Task<double> NotificationsAsync(AlertmanagerServer am)
    {
        var metrics = await am.GetStringAsync("metrics");
        return Gauge(metrics, "alertmanager_notifications_total", "integration=\"telegram\"");
    }

    /// <summary>The value of the first sample of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Gauge(string exposition, string name, string? label)
    {
        foreach (var line in exposition.Split('\n'))
        {
            var m = SampleLine().Match(line);
            if (m.Success && m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            {
                return double.Parse(m.Groups["value"].ValueSpan, CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{name}{{{label}}} not in the exposition");
    }

    private static async Task<double> ScalarAsync(PrometheusServer prometheus, string promql)
    {
        var result = await prometheus.QueryAsync(promql);
        result.IsSuccess.Should().BeTrue($"{promql}: {result.Error}");
        return result.Samples.Count == 0 ? 0 : result.Samples[0].Value;
    }

    /// <summary>
    /// Series per agent and per host at the site (everything CredWatch exports) and at each global (what the
    /// fleet profile sends; the global's own ALERTS left out): series carrying an agent label divided by the host's
    /// agents, and the host-level rest.
    /// </summary>
    private static async Task<string> MeasureSeriesAsync((FixtureDaemon Host, PrometheusServer Site)[] hosts, PrometheusServer[] globals)
    {
        // remote_write batches (5 s by default): wait until every host's series reached the receiver.
        foreach (var global in globals)
        {
            await Eventually.UntilAsync(
                async () => await ScalarAsync(global, "count(count by (instance) (credwatch:agent_state:worst))") == hosts.Length
                    && await ScalarAsync(global, "count(credwatch_build_info)") == hosts.Length,
                TimeSpan.FromSeconds(60),
                $"every host's fleet series at {global.HostPort}");
        }

        var lines = new List<string> { "Series per host (agent-labelled series / agents, and host-level series; the globals' ALERTS left out):", "host | agents | site per agent | site per host | federation per agent | per host | remote_write per agent | per host" };
        foreach (var (host, site) in hosts)
        {
            var agents = await ScalarAsync(site, $"count(count by (agent) ({{job=\"credwatch\",instance=\"{host.HostPort}\",agent!=\"\"}}))");
            agents.Should().Be(2, "the fixture home has two OpenClaw agents (main, hr-bp)");
            var row = new List<string> { host.HostPort, agents.ToString(CultureInfo.InvariantCulture) };
            var sitePerAgent = await ScalarAsync(site, $"count({{job=\"credwatch\",instance=\"{host.HostPort}\",agent!=\"\"}})") / agents;
            var sitePerHost = await ScalarAsync(site, $"count({{job=\"credwatch\",instance=\"{host.HostPort}\",agent=\"\"}})");
            row.Add(sitePerAgent.ToString("F1", CultureInfo.InvariantCulture));
            row.Add(sitePerHost.ToString(CultureInfo.InvariantCulture));
            foreach (var global in globals)
            {
                // The global's own ALERTS / ALERTS_FOR_STATE series (one or two per firing alert) are not what the sites send.
                var perAgent = await ScalarAsync(global, $"count({{instance=\"{host.HostPort}\",agent!=\"\",__name__!~\"ALERTS.*\"}})") / agents;
                var perHost = await ScalarAsync(global, $"count({{instance=\"{host.HostPort}\",agent=\"\",__name__!~\"ALERTS.*\"}})");
                perAgent.Should().BeLessThanOrEqualTo(5, $"the fleet profile's budget at the global Prometheus {global.HostPort}");
                perHost.Should().BeLessThanOrEqualTo(6, $"host-level series at {global.HostPort}");
                row.Add(perAgent.ToString("F1", CultureInfo.InvariantCulture));
                row.Add(perHost.ToString(CultureInfo.InvariantCulture));
            }

            lines.Add(string.Join(" | ", row));
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// The dashboards' job and instance variables, evaluated at the global Prometheus as Grafana would, list the
    /// three hosts; every fleet dashboard panel with one instance selected returns that host's series only.
    /// </summary>
    private static async Task AssertDashboardSlicesAsync(PrometheusServer global, string[] hosts)
    {
        using var main = DashboardFile.Load();
        var variables = DashboardFile.VariableSelectors(main.RootElement).ToDictionary(v => v.Panel, StringComparer.Ordinal);
        (await LabelValuesAsync(global, variables["variable job"])).Should().BeEquivalentTo(["credwatch"]);
        (await LabelValuesAsync(global, variables["variable instance"])).Should().BeEquivalentTo(hosts);

        using var fleet = System.Text.Json.JsonDocument.Parse(File.ReadAllText(FleetFiles.FleetDashboard));
        var fleetVariables = DashboardFile.VariableSelectors(fleet.RootElement).ToDictionary(v => v.Panel, StringComparer.Ordinal);
        (await LabelValuesAsync(global, fleetVariables["variable instance"])).Should().BeEquivalentTo(hosts);
        var queries = DashboardFile.Queries(fleet.RootElement);
        queries.Should().NotBeEmpty();
        foreach (var host in hosts)
        {
            foreach (var q in queries)
            {
                // Grafana escapes a single selected value for the regex matcher; the port alone tells these hosts apart.
                var sliced = q.ForPrometheus().Replace("instance=~\".*\"", "instance=~\"" + host + "\"", StringComparison.Ordinal);
                sliced.Should().NotBe(q.ForPrometheus(), $"{q} filters by instance");
                var result = await global.QueryAsync(sliced);
                result.IsSuccess.Should().BeTrue($"{q}: {result.Error}");
                result.Samples.Where(s => s.Labels.ContainsKey("instance")).Select(s => s.Label("instance")).Distinct()
                    .Should().BeSubsetOf([host], $"{q} sliced to {host}");
            }
        }

        // Unsliced, the worst-state table shows every host.
        var table = queries.First(q => q.Expr.StartsWith("credwatch:agent_state:worst{", StringComparison.Ordinal));
        var all = await global.QueryAsync(table.ForPrometheus());
        all.Samples.Select(s => s.Label("instance")).Distinct().Should().BeEquivalentTo(hosts);
    }

    private static async Task<IReadOnlyList<string>> LabelValuesAsync(PrometheusServer prometheus, DashboardQuery variable)
    {
        var result = await prometheus.QueryAsync(variable.ForPrometheus());
        result.IsSuccess.Should().BeTrue($"{variable}: {result.Error}");
        return [.. result.Samples.Select(s => s.Label(variable.RefId)).Distinct()];
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[^}]*\})? (?<value>\S+)")]
    private static partial Regex SampleLine();
}
