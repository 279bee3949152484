using System.Text.RegularExpressions;

namespace CredWatch.Exporter.Reporting;

/// <summary>One line of <c>credwatch check</c>. Secret-free; may name files and masked profile ids.</summary>
/// <param name="Severity">Contributes to the exit code (the worst line wins).</param>
/// <param name="Component">Who produced it (<c>store</c>, <c>token</c>, <c>resync</c>, <c>tasks</c>, …).</param>
/// <param name="Subject">What it is about (e.g. <c>openclaw/main anthropic:claude-cli</c>).</param>
/// <param name="Message">What is wrong (or fine) and, when critical, what to run.</param>
internal sealed partial record CheckLine(CheckSeverity Severity, string Component, string Subject, string Message)
{
    /// <summary>The credential a token line is about (for <c>check --json</c>); null for other lines.</summary>
    public CheckCredential? Credential { get; init; }

    /// <summary>The command to run, if any: every line that tells the operator what to run quotes it in backticks.</summary>
    public string? Fix() => Command().Match(Message) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Command();
}
