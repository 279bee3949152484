using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Health;

/// <summary>Profile-health logging (event ids 3500–3599). Masked profile ids, reasons and times only.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Warning, Message = "Config smell {Smell} in {Store} profile {Profile} ({Provider}): {Detail}")]
    public static partial void ConfigSmell(ILogger logger, string smell, string store, string profile, string provider, string detail);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Error, Message = "Agent {Agent} has no usable model auth: {Summary}")]
    public static partial void NoUsableAuth(ILogger logger, string agent, string summary);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Information, Message = "Agent {Agent} has usable model auth again ({UsableProviders} provider(s))")]
    public static partial void UsableAgain(ILogger logger, string agent, int usableProviders);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "Agent {Agent} {Provider}: {Problem}")]
    public static partial void LastGoodProblem(ILogger logger, string agent, string provider, string problem);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Error, Message = "Profile health evaluation failed; keeping the previous report")]
    public static partial void EvaluationFailed(ILogger logger, Exception exception);
}
