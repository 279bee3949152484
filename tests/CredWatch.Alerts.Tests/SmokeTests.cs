namespace CredWatch.Alerts.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Builds() => typeof(SmokeTests).Assembly.Should().NotBeNull();
}
