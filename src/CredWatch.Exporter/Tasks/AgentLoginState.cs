namespace CredWatch.Exporter.Tasks;

/// <summary>
/// What the core's comparison knows about an agent's login, handed in so a delivery failure can be
/// joined to its real cause: after give-up OpenClaw records "delivery path none did not complete",
/// not the auth error. <see cref="ProfileId"/> is the id to put in the re-login command.
/// </summary>
/// <param name="AgentId">OpenClaw agent id.</param>
/// <param name="Provider">Normalised provider (e.g. <c>anthropic</c>).</param>
/// <param name="ProfileId">Profile id as shown to users (display form).</param>
/// <param name="State">The core's token state label (<c>expired</c>, <c>relogin_required</c>, …).</param>
/// <param name="LoginBroken">True when turns of this agent cannot authenticate (expired, failed fence, blanked…).</param>
internal sealed record AgentLoginState(string AgentId, string Provider, string ProfileId, string State, bool LoginBroken);
