namespace CredWatch.Exporter.Health.Status;

/// <summary>A configuration smell of one profile.</summary>
internal sealed record ConfigSmellView(string Store, string Provider, string Profile, string Smell, string Detail);
