namespace CredWatch.Exporter.Tasks;

/// <summary>Adapts a delegate (e.g. a lookup into the core's latest comparison) to <see cref="IAgentLoginStateSource"/>.</summary>
internal sealed class FuncAgentLoginStateSource(Func<string, AgentLoginState?> lookup) : IAgentLoginStateSource
{
    /// <summary>The source used until the host registers a real one: knows nothing.</summary>
    public static FuncAgentLoginStateSource Unknown { get; } = new(_ => null);

    public AgentLoginState? Get(string agentId) => lookup(agentId);
}
