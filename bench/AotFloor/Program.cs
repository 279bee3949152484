using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenTelemetry.Metrics;
using Telegram.Bot;

// The owner-named stack alone, shaped like credwatch's daemon for bench/AotBench (`credwatch run ... --web.listen-address
// HOST:PORT`; other arguments ignored): /metrics with as many series as CredWatch exports for --agents N (35 per agent),
// /readyz, one SQLite read, a Telegram.Bot client that can send (compiled in, not run: FLOOR_SEND_TO)
// and prometheus-net's meter adapter referenced. Nothing of CredWatch's own: what is left is the floor.
var listen = "127.0.0.1:9797";
var agents = 100;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--web.listen-address")
    {
        listen = args[i + 1];
    }
    else if (args[i] == "--agents")
    {
        agents = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
    else if (args[i] == "--home")
    {
        var dir = Path.Combine(args[i + 1], ".openclaw", "agents");
        agents = Directory.Exists(dir) ? Directory.GetDirectories(dir).Length : agents;
    }
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://" + listen);
builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter("Floor").AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
builder.Services.AddSingleton(_ => new TelegramBotClient(new TelegramBotClientOptions("1:floor", "http://127.0.0.1:9")));
var app = builder.Build();
app.MapPrometheusScrapingEndpoint();
app.MapGet("/readyz", () => "ready");
var bot = app.Services.GetRequiredService<TelegramBotClient>();
if (Environment.GetEnvironmentVariable("FLOOR_SEND_TO") is { } chat)
{
    // Compiled in, as in CredWatch, but not run by the bench: sending pulls Telegram.Bot's JSON metadata for the whole
    // Bot API type graph (the Message reply) into the binary, which is most of what Telegram.Bot costs.
    _ = await bot.SendMessage(long.Parse(chat, CultureInfo.InvariantCulture), "floor");
}
using var adapter = Prometheus.MeterAdapter.StartListening();

using var meter = new Meter("Floor");
string[] states = ["in_sync", "stale", "ahead", "unrelated", "expired", "blanked", "refreshing", "refresh_stuck", "relogin_required", "passthrough", "migration_required"];
var ids = Enumerable.Range(0, agents).Select(a => "agent-" + a.ToString("D4", CultureInfo.InvariantCulture)).ToArray();
meter.CreateObservableGauge("floor.token.state", () => ids.SelectMany(a => states.Select(s =>
    new Measurement<int>(s == "in_sync" ? 1 : 0, new("agent", a), new("profile", "anthropic:claude-cli"), new("state", s), new("store", "openclaw")))));
meter.CreateObservableCounter("floor.store.errors", () => ids.SelectMany(a => Enumerable.Range(0, 10).Select(r =>
    new Measurement<long>(0, new("agent", a), new("reason", "r" + r.ToString(CultureInfo.InvariantCulture)), new("store", "openclaw")))));
for (var g = 0; g < 14; g++)
{
    meter.CreateObservableGauge("floor.gauge" + g.ToString(CultureInfo.InvariantCulture), () => ids.Select(a => new Measurement<double>(1, new("agent", a), new("store", "openclaw"))));
}

using (var c = new SqliteConnection("Data Source=:memory:"))
{
    c.Open();
    using var cmd = c.CreateCommand();
    cmd.CommandText = "SELECT sqlite_version()";
    _ = cmd.ExecuteScalar();
}

await app.RunAsync();
