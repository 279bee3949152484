namespace CredWatch.Exporter.Web.Status;

/// <summary>Why a store is down.</summary>
internal sealed record StoreErrorView(string Reason, string Detail);
