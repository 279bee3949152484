namespace CredWatch.Exporter.Resync;

internal enum ResyncAction
{
    Repaired,
    WouldRepair,
    InSync,
    Skipped,
    Failed,
}
