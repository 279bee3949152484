using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Reporting;

/// <summary>The lines of a check and their table: what <c>credwatch check</c> prints and the command bot's <c>/status</c> answers.</summary>
internal static class CheckReport
{
    /// <summary>Every line of a check of <paramref name="state"/> (the verb's, and the command bot's <c>/status</c>).</summary>
    internal static async Task<List<CheckLine>> LinesAsync(IServiceProvider services, RegistryState state, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var options = services.GetRequiredService<IOptions<CredWatchOptions>>().Value;
        var lines = new List<CheckLine>(CoreCheckLines.For(state, now, options.Check.WarningWindow));
        foreach (var contributor in services.GetServices<ICheckContributor>())
        {
            lines.AddRange(await contributor.GetLinesAsync(state, cancellationToken));
        }

        return lines;
    }

    internal static string Table(CheckSeverity worst, IReadOnlyList<CheckLine> lines)
    {
        var sw = new StringWriter();
        sw.WriteLine($"CREDWATCH {worst.ToString().ToUpperInvariant()}");
        var subjectWidth = Math.Min(60, lines.Select(l => l.Subject.Length).DefaultIfEmpty(7).Max());
        foreach (var l in lines.OrderByDescending(l => CheckSeverities.Rank(l.Severity)).ThenBy(l => l.Component, StringComparer.Ordinal))
        {
            sw.WriteLine($"{l.Severity.ToString().ToUpperInvariant(),-8} {l.Component,-6} {l.Subject.PadRight(subjectWidth)}  {l.Message}");
        }

        return sw.ToString();
    }
}
