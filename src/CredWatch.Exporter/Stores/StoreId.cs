namespace CredWatch.Exporter.Stores;

/// <summary>Identity of one store: the <c>store</c> label plus the OpenClaw agent id (null for CLI/shared stores).</summary>
/// <param name="Store">One of <see cref="StoreLabels"/>.</param>
/// <param name="Agent">OpenClaw agent id, or null.</param>
internal readonly record struct StoreId(string Store, string? Agent)
{
    /// <summary>Stable text form, e.g. <c>openclaw/main</c> or <c>claude-cli</c>.</summary>
    public override string ToString() => Agent is null ? Store : Store + "/" + Agent;
}
