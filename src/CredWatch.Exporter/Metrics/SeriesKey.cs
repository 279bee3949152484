using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Metrics;

/// <summary>
/// What identifies one series of a per-store / per-profile instrument (its label values), compared without building
/// the tag array: <c>store</c>/<c>agent</c>, then up to three more label values in the instrument's own order.
/// </summary>
internal readonly record struct SeriesKey(StoreId Store, string? A = null, string? B = null, string? C = null);
