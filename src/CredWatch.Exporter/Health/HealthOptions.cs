namespace CredWatch.Exporter.Health;

/// <summary>Profile-health settings (section <c>CredWatch:Health</c>).</summary>
internal sealed class HealthOptions
{
    /// <summary>Configuration section, relative to the root configuration.</summary>
    public const string SectionName = "CredWatch:Health";

    /// <summary>
    /// Agents that are allowed to have no usable stored auth (e.g. they run on environment API keys CredWatch
    /// cannot see): still shown, never critical, never alerted.
    /// </summary>
    public List<string> IgnoreAgents { get; set; } = [];
}
