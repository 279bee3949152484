namespace CredWatch.Exporter.Resync;

/// <summary>Patched document (null when nothing could be patched) plus what happened per profile.</summary>
internal sealed record PatchResult(
    byte[]? Content,
    IReadOnlyDictionary<string, ProfilePatchStatus> Profiles,
    string? Error,
    bool Rewritten);
