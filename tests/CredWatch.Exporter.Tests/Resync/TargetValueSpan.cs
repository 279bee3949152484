namespace CredWatch.Exporter.Tests.Resync;

/// <summary>Where one target profile field's value sits in a generated document (byte offsets).</summary>
internal sealed record TargetValueSpan(string Profile, string Field, int Start, int End);
