namespace CredWatch.Exporter.Reporting;

/// <summary>How urgent a check severity is: CRITICAL &gt; WARNING &gt; UNKNOWN &gt; OK, so an unknown component never hides a critical finding.</summary>
internal static class CheckSeverities
{
    public static int Rank(CheckSeverity severity) => severity switch
    {
        CheckSeverity.Critical => 3,
        CheckSeverity.Warning => 2,
        CheckSeverity.Unknown => 1,
        _ => 0,
    };

    /// <summary>The overall result of a set of lines (UNKNOWN when there are none).</summary>
    public static CheckSeverity Worst(IEnumerable<CheckSeverity> severities) =>
        severities.DefaultIfEmpty(CheckSeverity.Unknown).MaxBy(Rank);
}
