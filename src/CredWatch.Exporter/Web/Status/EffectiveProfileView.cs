namespace CredWatch.Exporter.Web.Status;

/// <summary>A profile an agent really uses and which copy (<c>local</c> or the shared store).</summary>
internal sealed record EffectiveProfileView(string Profile, string Uses, bool ShadowsShared, string? State);
