namespace CredWatch.Exporter.Alerting;

internal enum ResyncAlertResult
{
    Repaired,
    Failed,
    Other,
}
