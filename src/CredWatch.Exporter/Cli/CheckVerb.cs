using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Cli;

/// <summary>
/// <c>credwatch check [--json]</c>: one scan, a table (or JSON) on stdout, and monitoring-plugin exit codes
/// (0 ok, 1 warning, 2 critical, 3 unknown / bad config); the overall result is the most urgent line,
/// CRITICAL &gt; WARNING &gt; UNKNOWN &gt; OK. Logs go to stderr.
/// </summary>
internal static class CheckVerb
{
    public static Command Create(CommonOptions common)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var openclaw = new Option<bool>("--openclaw") { Description = "Also ask OpenClaw (`openclaw models status --json`) and report where its view differs" };
        var openclawBin = new Option<string?>("--openclaw-bin") { Description = "The openclaw executable for --openclaw (default: openclaw on PATH)", HelpName = "PATH" };
        var openclawTimeout = new Option<int>("--openclaw-timeout") { Description = "Seconds to wait for each openclaw run (default 60)", DefaultValueFactory = _ => (int)OpenClawCrossCheck.DefaultTimeout.TotalSeconds, HelpName = "SECONDS" };
        var command = new Command("check", "Scan once, print every store and credential, exit 0/1/2/3 (ok/warning/critical/unknown)") { json, openclaw, openclawBin, openclawTimeout };
        command.SetAction((parse, ct) => RunAsync(common, parse, parse.GetValue(json),
            parse.GetValue(openclaw) || parse.GetValue(openclawBin) is not null ? new CrossCheckRequest(parse.GetValue(openclawBin), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(openclawTimeout)))) : null, ct));
        return command;
    }

    private sealed record CrossCheckRequest(string? Executable, TimeSpan Timeout);

    private static async Task<int> RunAsync(CommonOptions common, ParseResult parse, bool json, CrossCheckRequest? crossCheck, CancellationToken cancellationToken)
    {
        IServiceProvider services;
        CredWatchOptions options;
        IReadOnlyDictionary<string, string?>? given = null;
        try
        {
            var overrides = common.ToConfiguration(parse);
            given = overrides;
            var builder = CredWatchHost.CreateBuilder(parse.GetValue(common.Config), overrides, LogLevel.Warning);
            builder.Services.UseReadOnlyState();
            var app = builder.Build();
            services = app.Services;
            options = services.GetRequiredService<IOptions<CredWatchOptions>>().Value;
        }
        catch (Exception ex) when (CliErrors.IsConfigurationError(ex))
        {
            return CliErrors.Report(ex, given);
        }

        var state = await services.GetRequiredService<StoreMonitor>().ScanOnceAsync(cancellationToken);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var lines = await CheckReport.LinesAsync(services, state, cancellationToken);

        if (crossCheck is not null)
        {
            var check = new OpenClawCrossCheck(crossCheck.Executable, crossCheck.Timeout, services.GetRequiredService<OpenClaw.OpenClawInstallation>(), services.GetRequiredService<TimeProvider>());
            lines.AddRange(await check.GetLinesAsync(state, cancellationToken));
        }

        var worst = CheckSeverities.Worst(lines.Select(l => l.Severity));
        Console.Out.Write(json ? Json(worst, lines, now) : CheckReport.Table(worst, lines));
        return (int)worst;
    }

    internal static string Json(CheckSeverity worst, IReadOnlyList<CheckLine> lines, DateTimeOffset now) => JsonSerializer.Serialize(
        new CheckJsonReport(worst.ToString().ToLowerInvariant(), (int)worst, [.. lines.Select(l => JsonLine(l, now))]),
        CheckJsonContext.Default.CheckJsonReport) + Environment.NewLine;

    private static CheckJsonLine JsonLine(CheckLine l, DateTimeOffset now)
    {
        var c = l.Credential;
        return new CheckJsonLine(
            l.Severity.ToString().ToLowerInvariant(), l.Component, l.Subject, l.Message,
            l.Fix(),
            c?.Store, c?.Agent, c?.Profile, c?.Provider, c?.State,
            c?.ExpiresAt?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            c?.ExpiresAt is { } at ? (long)Math.Floor((at - now).TotalSeconds) : null,
            c?.ExpiryOf);
    }
}
