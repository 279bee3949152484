namespace CredWatch.Exporter.Resync;

internal enum ProfilePatchStatus
{
    Patched,
    NotFound,
    NotOAuth,
}
