using CredWatch.Alerts;
using CredWatch.LogTail.Signals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CredWatch.Alerts.Model;

namespace CredWatch.Exporter.AlertMapping;

/// <summary>LogTail → Alerts: every counted signal that means something to the user becomes one event.</summary>
internal sealed class LogSignalAlertSink(IAlertSink sink, IOptions<AlertingOptions> options, ILogger<LogSignalAlertSink> logger) : ILogSignalSink
{
    public void OnSignal(LogSignal signal)
    {
        if (LogSignalAlertMapper.Map(signal, options.Value.ProviderSignalWindow) is not { } alert)
        {
            return;
        }

        AlertingLog.SignalAlert(logger, signal.Signal, alert.Key);
        sink.Raise(alert);
    }
}
