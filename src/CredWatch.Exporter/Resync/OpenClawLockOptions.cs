namespace CredWatch.Exporter.Resync;

/// <summary>OpenClaw's lock protocol parameters; defaults are OpenClaw's own.</summary>
internal sealed class OpenClawLockOptions
{
    /// <summary>A lock whose owner is dead, or older than this, may be taken over.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt (OpenClaw: 10).</summary>
    public int Retries { get; set; } = 10;

    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);
}
