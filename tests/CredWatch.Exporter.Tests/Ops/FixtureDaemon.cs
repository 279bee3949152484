using System.Globalization;
using CredWatch.Exporter.Tests.Support;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// The real CredWatch daemon on a throw-away copy of the fixture home (openclaw/hr-bp is a stale copy of the
/// claude-cli login) and a temp state dir, following gateway logs only under that home: the scrape target of the
/// ops end-to-end tests. Disposing it stops the daemon and deletes the home.
/// </summary>
internal sealed class FixtureDaemon : IAsyncDisposable
{
    private const string LogTailPathVariable = "CREDWATCH_LOGTAIL__PATHS__0";

    private readonly CredWatchProcess _process;

    private FixtureDaemon(TempHome home, CredWatchProcess process)
    {
        Home = home;
        _process = process;
    }

    public TempHome Home { get; }

    public string HostPort => "127.0.0.1:" + _process.Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>stdout + stderr so far (the log).</summary>
    public string Output => _process.Output;

    /// <summary>Where this CredWatch follows gateway logs (<c>openclaw-*.log</c>) unless the caller configured LogTail itself.</summary>
    public static string LogDir(TempHome home) => Path.Combine(home.Root, "gateway-logs");

    /// <summary>Starts CredWatch and waits until /readyz answers 200 (first scan done).</summary>
    public static async Task<FixtureDaemon> StartAsync(TempHome? home = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        home ??= new TempHome();
        try
        {
            Directory.CreateDirectory(home.StateDir);

            // OpenClaw's default log dir (/tmp/openclaw) belongs to whatever else runs on the machine.
            Directory.CreateDirectory(LogDir(home));
            var env = new Dictionary<string, string> { [LogTailPathVariable] = Path.Combine(LogDir(home), "openclaw-*.log") };
            foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            {
                env[key] = value;
            }

            return new FixtureDaemon(home, await CredWatchProcess.StartDaemonAsync(home.Home, home.StateDir, env));
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    public Task<string> ScrapeAsync() => _process.ScrapeAsync();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Home.Dispose();
    }
}
