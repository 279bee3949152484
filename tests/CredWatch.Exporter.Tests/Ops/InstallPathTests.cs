using System.Text.RegularExpressions;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// The README's install paths, as far as this machine allows: the .NET tool is packed and installed for real; the
/// container build is validated (no container engine here). The Native AOT publish is left to docs/ops.md's
/// benchmark runs: it takes minutes per build.
/// </summary>
public sealed partial class InstallPathTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("credwatch-install-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Dotnet_tool_packs_installs_from_a_local_source_and_runs()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var packages = Path.Combine(_dir.FullName, "nupkg");
        var tools = Path.Combine(_dir.FullName, "tools");

        // --no-build: the package is the build the other tests run (packing never rebuilds their binaries).
        var pack = await Tool.RunAsync("dotnet", ["pack", "src/CredWatch.Exporter", "-c", configuration, "--no-build", "-o", packages, "-nologo"], workingDirectory: TestPaths.RepoRoot, timeout: TimeSpan.FromMinutes(5));
        pack.ExitCode.Should().Be(0, pack.ToString());
        Directory.GetFiles(packages, "credwatch.*.nupkg").Should().ContainSingle();

        // As the README says, with --tool-path instead of --global so the test leaves the machine as it was.
        var install = await Tool.RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", packages, "credwatch"], workingDirectory: _dir.FullName, timeout: TimeSpan.FromMinutes(5));
        install.ExitCode.Should().Be(0, install.ToString());

        var credwatch = Path.Combine(tools, "credwatch");
        var version = await Tool.RunAsync(credwatch, ["--version"]);
        version.ExitCode.Should().Be(0, version.ToString());
        version.StdOut.Should().StartWith("credwatch, version ");

        var check = await Tool.RunAsync(credwatch, ["check", "--home", "tests/fixtures/home", "--state-dir", Path.Combine(_dir.FullName, "state")], workingDirectory: TestPaths.RepoRoot);
        check.ExitCode.Should().Be(2, check.ToString());
        check.StdOut.Should().Contain("credwatch sync --agent hr-bp");
    }

    [Fact]
    public void Dockerfile_copies_only_files_that_exist_and_publishes_the_project_the_readme_names()
    {
        var text = File.ReadAllText(OpsFiles.Dockerfile);
        var copies = CopyLine().Matches(text).ToList();
        copies.Should().NotBeEmpty();
        foreach (var sources in copies.Select(m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            foreach (var source in sources[..^1])
            {
                var path = Path.Combine(TestPaths.RepoRoot, source.TrimEnd('/'));
                (File.Exists(path) || Directory.Exists(path)).Should().BeTrue($"the Dockerfile copies {source} from the build context");
            }
        }

        text.Should().Contain("dotnet publish src/CredWatch.Exporter/CredWatch.Exporter.csproj");
        File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")).Should().Contain("docker build -t credwatch:local .");
    }

    // COPY lines from the build context (not --from=stage).
    [GeneratedRegex(@"^COPY (?!--from)(?<sources>[^\n]+)$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();
}
