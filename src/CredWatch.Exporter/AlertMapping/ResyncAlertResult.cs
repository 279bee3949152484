namespace CredWatch.Exporter.AlertMapping;

internal enum ResyncAlertResult
{
    Repaired,
    Failed,
    Other,
}
