namespace CredWatch.Exporter.Tasks;

/// <summary>One step of the remedy, in the order to run them.</summary>
/// <param name="Command">The exact shell command (spellings checked against the real 2026.9.6 <c>--help</c>).</param>
/// <param name="Note">When and why to run it, e.g. "only after the login works".</param>
internal sealed record TaskCommand(string Command, string? Note);
