using System.Globalization;
using CredWatch.Alerts;
using CredWatch.TestSupport.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Raise N one-shot alerts (each to its own chat so Telegram pacing does not serialise them) and time
// raise → sendMessage arrival at the loopback Bot API server. Prints p50/p99 and the ratio to the
// Prometheus → Alertmanager path's floor (scrape 15 s + rule eval 15 s + group_wait 30 s by default).
const int events = 200;
await using var server = await BotApiTestServer.StartAsync();
var stateDir = Directory.CreateTempSubdirectory("credwatch-bench-").FullName;
var tokenFile = Path.Combine(stateDir, "token");
await File.WriteAllTextAsync(tokenFile, "123456789:BENCHtokenxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["CredWatch:StateDir"] = stateDir,
    ["CredWatch:Telegram:ApiUrl"] = server.BaseUrl.ToString(),
    ["CredWatch:Telegram:BotTokenFile"] = tokenFile,
    ["CredWatch:Telegram:ChatId"] = "-1001",
    ["CredWatch:Telegram:OpenClawConfigPath"] = Path.Combine(stateDir, "none.json"),
    ["CredWatch:Alerts:GroupingWindow"] = "00:00:00",
    ["CredWatch:Alerts:PerChatInterval"] = "00:00:00",
    ["CredWatch:Alerts:GlobalMessagesPerSecond"] = "1000",
}).Build();
var services = new ServiceCollection().AddLogging().AddAlerts(config).BuildServiceProvider();
var hosted = services.GetServices<IHostedService>().ToList();
foreach (var h in hosted)
{
    await h.StartAsync(CancellationToken.None);
}

var sink = services.GetRequiredService<IAlertSink>();
var raisedAt = new Dictionary<long, DateTimeOffset>();
for (var i = 0; i < events; i++)
{
    var chat = -1000000L - i;
    raisedAt[chat] = DateTimeOffset.UtcNow;
    sink.Raise(new AlertEvent($"bench/{i}", AlertKinds.ResultLost, AlertSeverity.Critical, $"bench {i}") { Route = AlertRoute.ToChat(chat) });
    await Task.Delay(5); // spaced like a burst of real signals, not one batch
}

var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
while (server.DeliveredMessages.Count < events && DateTimeOffset.UtcNow < deadline)
{
    await Task.Delay(50);
}

var latencies = server.DeliveredMessages.Where(m => m.ChatIdNumber is { } c && raisedAt.ContainsKey(c))
    .Select(m => (m.ReceivedAt - raisedAt[m.ChatIdNumber!.Value]).TotalMilliseconds).Order().ToList();
foreach (var h in hosted)
{
    await h.StopAsync(CancellationToken.None);
}

if (latencies.Count == 0)
{
    Console.WriteLine("no deliveries");
    return 1;
}

double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
const double alertmanagerFloorMs = 60_000;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"delivered {latencies.Count}/{events}; p50 {P(0.5):0.0} ms, p99 {P(0.99):0.0} ms (target p99 < 500 ms)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vs Prometheus→Alertmanager default floor (~{alertmanagerFloorMs / 1000:0} s): p50 {alertmanagerFloorMs / P(0.5):0}x, p99 {alertmanagerFloorMs / P(0.99):0}x faster"));
return 0;
