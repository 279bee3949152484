namespace CredWatch.TestSupport;

/// <summary>Locates the repository's committed fixtures from any test's output directory.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Fixtures => Path.Combine(RepoRoot, "tests", "fixtures");

    public static string FixtureHome => Path.Combine(Fixtures, "home");

    public static string FixtureLogs => Path.Combine(Fixtures, "logs");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CredWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CredWatch.sln not found above " + AppContext.BaseDirectory);
    }
}
