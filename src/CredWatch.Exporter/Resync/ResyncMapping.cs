namespace CredWatch.Exporter.Resync;

/// <summary>Operator's explicit "this agent profile is that source's login" (config <c>Resync:Mappings</c>).</summary>
internal sealed class ResyncMapping
{
    public string Agent { get; set; } = "";

    public string Profile { get; set; } = "";

    /// <summary>Source store label: <c>claude-cli</c> or <c>codex-cli</c>.</summary>
    public string Source { get; set; } = "";
}
