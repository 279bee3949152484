using System.CommandLine;
using CredWatch.Exporter.Configuration;

namespace CredWatch.Exporter.Cli;

/// <summary>
/// <c>credwatch healthcheck</c>: asks a running daemon's <c>/healthz</c>; exit 0 when it answers, 1 otherwise. The
/// container image has no shell and no curl, so its HEALTHCHECK runs the binary itself.
/// </summary>
internal static class HealthcheckVerb
{
    public static Command Create(CommonOptions common)
    {
        var url = new Option<string?>("--url") { Description = "What to probe (default: /healthz on --web.listen-address; 0.0.0.0 and [::] are probed on loopback)", HelpName = "URL" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the answer (default 5)", DefaultValueFactory = _ => 5, HelpName = "SECONDS" };
        var command = new Command("healthcheck", "Probe a running daemon's /healthz: exit 0 when it answers ok, 1 when not (container HEALTHCHECK)") { url, timeout };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(url) ?? Default(parse.GetValue(common.ListenAddress)), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))), ct));
        return command;
    }

    private static string Default(string? flag)
    {
        var text = flag ?? Environment.GetEnvironmentVariable("CREDWATCH_WEB__LISTENADDRESS") ?? WebOptions.DefaultListenAddress;
        if (!ListenAddress.TryParse(text, out var address))
        {
            return "http://" + text + "/healthz";
        }

        // A wildcard listener answers on loopback too; the probe runs beside the daemon.
        var host = address.Host switch
        {
            "0.0.0.0" or "" => "127.0.0.1",
            "::" => "::1",
            _ => address.Host,
        };
        return (address with { Host = host }).ToUrl() + "/healthz";
    }

    private static async Task<int> RunAsync(string url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            await Console.Error.WriteLineAsync($"credwatch healthcheck: '{url}' is not a URL");
            return CliErrors.BadConfiguration;
        }

        using var http = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await Console.Error.WriteLineAsync($"credwatch healthcheck: {uri} answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"credwatch healthcheck: {uri}: {(ex is TaskCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : ex.Message)}");
        }

        return 1;
    }
}
