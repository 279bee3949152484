namespace CredWatch.Exporter.Tasks;

/// <summary>
/// The input hook the host fills from the core's store comparison. The ledger monitor asks it for the
/// requester agent's login when it first sees an undelivered result (the login state "at the time").
/// </summary>
internal interface IAgentLoginStateSource
{
    /// <summary>The agent's current login, or null when unknown.</summary>
    AgentLoginState? Get(string agentId);
}
