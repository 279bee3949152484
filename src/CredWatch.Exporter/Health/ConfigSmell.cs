using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Health;

/// <summary>A profile stored in a way that will hurt later (secret-free).</summary>
/// <param name="Store">Store holding the profile.</param>
/// <param name="Provider">Normalised provider.</param>
/// <param name="DisplayId">Masked profile id.</param>
/// <param name="Smell">One of <see cref="ConfigSmells"/>.</param>
/// <param name="Detail">Human explanation with the fix.</param>
internal sealed record ConfigSmell(StoreId Store, string Provider, string DisplayId, string Smell, string Detail);
