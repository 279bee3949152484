namespace CredWatch.Exporter.Configuration;

/// <summary><c>credwatch check</c> settings (section <c>CredWatch:Check</c>).</summary>
internal sealed class CheckOptions
{
    /// <summary>A login that ends within this window is a warning (exit 1).</summary>
    public TimeSpan WarningWindow { get; set; } = TimeSpan.FromHours(1);
}
