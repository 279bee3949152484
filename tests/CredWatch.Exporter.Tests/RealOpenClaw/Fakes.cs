using CredWatch.TestSupport;
using CredWatch.TestSupport.OpenClaw;

namespace CredWatch.Exporter.Tests.RealOpenClaw;

/// <summary>Legacy profiles planted in scratch homes: only the fake secrets FixtureSecrets knows.</summary>
internal static class Fakes
{
    public static string FreshAccess => FixtureSecrets.All[0];

    public static string FreshRefresh => FixtureSecrets.All[1];

    public static string OldAccess => FixtureSecrets.All[2];

    public static string OldRefresh => FixtureSecrets.All[3];

    public static string ApiKey => FixtureSecrets.All[4];

    public static LegacyProfile Fresh(string id, DateTimeOffset expires) =>
        LegacyProfile.OAuth(id, "anthropic", FreshAccess, FreshRefresh, expires, email: "ops@example.com");

    public static LegacyProfile Expired(string id, DateTimeOffset expires) =>
        LegacyProfile.OAuth(id, "anthropic", OldAccess, OldRefresh, expires);

    /// <summary>Whole seconds: OpenClaw keeps ms, the comparison stays exact.</summary>
    public static DateTimeOffset InHours(double hours) =>
        DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(hours).ToUnixTimeSeconds());
}
