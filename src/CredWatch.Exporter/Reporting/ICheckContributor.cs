using CredWatch.Exporter.Registry;

namespace CredWatch.Exporter.Reporting;

/// <summary>
/// Adds lines to <c>credwatch check</c> (register with <c>services.AddSingleton&lt;ICheckContributor, T&gt;()</c>).
/// Called once per check after the full store scan; may do bounded IO of its own.
/// </summary>
internal interface ICheckContributor
{
    Task<IReadOnlyList<CheckLine>> GetLinesAsync(RegistryState state, CancellationToken cancellationToken);
}
