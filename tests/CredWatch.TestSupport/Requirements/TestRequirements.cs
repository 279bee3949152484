namespace CredWatch.TestSupport.Requirements;

/// <summary>
/// Strict by default: a test whose real dependency is missing fails with the reason. Setting
/// <c>CREDWATCH_TEST_ALLOW_SKIPS=1</c> turns those failures into skips for a quick offline run.
/// </summary>
public static class TestRequirements
{
    public const string AllowSkipsVariable = "CREDWATCH_TEST_ALLOW_SKIPS";

    public static bool AllowSkips { get; } = Environment.GetEnvironmentVariable(AllowSkipsVariable) is "1" or "true";
}
