namespace CredWatch.Exporter.Health;

/// <summary>
/// A level-triggered alert condition, IO-free: the integrator hands these to the Alerts library, which fires on
/// <see cref="Firing"/> turning true and sends <see cref="ResolvedText"/> when it turns false for the same key.
/// </summary>
/// <param name="Kind">Alert kind (<c>no_usable_auth</c>).</param>
/// <param name="Key">Stable identity within the kind (the agent id).</param>
/// <param name="Firing">True while the condition holds.</param>
/// <param name="Text">What to send when firing (secret-free, masked ids).</param>
/// <param name="ResolvedText">What to send on recovery.</param>
internal sealed record HealthAlertCondition(string Kind, string Key, bool Firing, string Text, string ResolvedText)
{
    /// <summary>Kind of the "agent has no usable auth" alert.</summary>
    public const string NoUsableAuth = "no_usable_auth";
}
