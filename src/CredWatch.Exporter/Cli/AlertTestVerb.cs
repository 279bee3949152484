using System.CommandLine;
using CredWatch.Alerts;
using CredWatch.Exporter.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Cli;

/// <summary>
/// <c>credwatch alert-test</c>: one test message straight to every configured target (no outbox), one
/// result line per target on stdout. Exit 0 only when every target received it; 1 on any failure or
/// when no target is configured; 3 on bad configuration.
/// </summary>
internal static class AlertTestVerb
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("alert-test", "Send a test alert to every configured Telegram target and report per target (exit 1 on any failure or no target)");
        command.SetAction((parse, ct) => RunAsync(common, parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(CommonOptions common, ParseResult parse, CancellationToken cancellationToken)
    {
        IAlertTester tester;
        try
        {
            var builder = CredWatchHost.CreateBuilder(parse.GetValue(common.Config), common.ToConfiguration(parse), LogLevel.Warning);
            var app = builder.Build();
            tester = app.Services.GetRequiredService<IAlertTester>();
        }
        catch (Exception ex) when (CliErrors.IsConfigurationError(ex))
        {
            return CliErrors.Report(ex);
        }

        var results = await tester.SendTestAsync(cancellationToken);
        foreach (var r in results)
        {
            var status = r.Success ? "OK  " : "FAIL";
            var reason = r.Reason is { } why ? $" [{why}]" : string.Empty;
            Console.Out.WriteLine($"{status} {r.Target}{reason}: {r.Detail}");
        }

        var ok = results.Count > 0 && results.All(r => r.Success);
        Console.Out.WriteLine(ok ? $"alert-test: {results.Count} target(s) OK" : "alert-test: FAILED");
        return ok ? 0 : 1;
    }
}
