using System.Diagnostics;
using System.Globalization;
using System.Text;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// The closing line of the README's test command (scripts/count-test-results.py) run on TRX files shaped like the
/// ones xunit writes: nothing that did not run and pass is counted as passed.
/// </summary>
public sealed class TestResultCountingTests : IDisposable
{
    private const string Python = "python3";

    private readonly string _dir = Directory.CreateTempSubdirectory("credwatch-trx-").FullName;

    [RequiresBinariesFact(Python)]
    public async Task A_run_where_everything_passed_closes_green()
    {
        Trx("A.Tests", ("a1", "Passed"), ("a2", "Passed"));
        Trx("B.Tests", ("b1", "Passed"));

        var (code, output) = await CountAsync(["A.Tests", "B.Tests"]);

        code.Should().Be(0);
        LastLine(output).Should().Be("3 passed, 0 failed");
    }

    [RequiresBinariesFact(Python)]
    public async Task A_skip_is_a_failure_unless_skips_are_allowed_and_then_it_is_listed_with_its_reason()
    {
        // xunit reports a skip only as total - executed; its notExecuted counter stays 0.
        Trx("A.Tests", ("a1", "Passed"), ("a2", "NotExecuted"));

        var (strictCode, strict) = await CountAsync(["A.Tests"]);
        var (allowedCode, allowed) = await CountAsync(["A.Tests"], allowSkips: true);

        strictCode.Should().Be(1);
        LastLine(strict).Should().Be("1 passed, 1 failed");
        strict.Should().Contain("a2");
        allowedCode.Should().Be(0);
        LastLine(allowed).Should().Be("1 passed, 0 failed, 1 skipped");
        allowed.Should().Contain("skipped: a2: promtool not on PATH");
    }

    [Theory]
    [InlineData("Failed")]
    [InlineData("Aborted")]
    [InlineData("Inconclusive")]
    [InlineData("Timeout")]
    [InlineData("NotRunnable")]
    public async Task Any_outcome_but_passed_or_skipped_counts_as_failed(string outcome)
    {
        PromBinaries.Require(Python);
        Trx("A.Tests", ("a1", "Passed"), ("a2", outcome));

        var (code, output) = await CountAsync(["A.Tests"]);

        code.Should().Be(1);
        LastLine(output).Should().Be("1 passed, 1 failed");
    }

    [RequiresBinariesFact(Python)]
    public async Task A_project_without_results_a_run_without_tests_and_a_failing_exit_code_are_failures()
    {
        Trx("A.Tests", ("a1", "Passed"));
        Trx("Empty.Tests");

        var (missingCode, missing) = await CountAsync(["A.Tests", "Empty.Tests", "Crashed.Tests"]);
        var (exitCode, exit) = await CountAsync(["A.Tests"], dotnetTestExit: 1);

        missingCode.Should().Be(1);
        LastLine(missing).Should().Be("1 passed, 2 failed");
        missing.Should().Contain("no results from Crashed.Tests").And.Contain("no test ran in Empty.Tests.trx");
        exitCode.Should().Be(1);
        LastLine(exit).Should().Be("1 passed, 1 failed");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1];

    /// <summary>Writes PROJECT.trx with one result per test and counters computed the way xunit's VSTest adapter does.</summary>
    private void Trx(string project, params (string Name, string Outcome)[] tests)
    {
        var executed = tests.Count(t => t.Outcome != "NotExecuted");
        var passed = tests.Count(t => t.Outcome == "Passed");
        var failed = tests.Count(t => t.Outcome == "Failed");
        var xml = new StringBuilder();
        xml.Append("""<?xml version="1.0" encoding="utf-8"?><TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results>""");
        for (var i = 0; i < tests.Length; i++)
        {
            var (name, outcome) = tests[i];
            var output = outcome == "NotExecuted" ? "<Output><StdOut>promtool not on PATH</StdOut></Output>" : string.Empty;
            xml.Append(CultureInfo.InvariantCulture, $"""<UnitTestResult testId="id{i}" testName="{name}" outcome="{outcome}">{output}</UnitTestResult>""");
        }

        xml.Append(CultureInfo.InvariantCulture, $"""</Results><ResultSummary outcome="Completed"><Counters total="{tests.Length}" executed="{executed}" passed="{passed}" failed="{failed}" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" /></ResultSummary></TestRun>""");
        File.WriteAllText(Path.Combine(_dir, project + ".trx"), xml.ToString());
    }

    private async Task<(int Code, string Output)> CountAsync(string[] projects, bool allowSkips = false, int dotnetTestExit = 0)
    {
        var psi = new ProcessStartInfo(PromBinaries.Require(Python)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[Path.Combine(TestPaths.RepoRoot, "scripts", "count-test-results.py"), _dir, dotnetTestExit.ToString(CultureInfo.InvariantCulture), "0", allowSkips ? "1" : "", .. projects])
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await stderr;
        return (p.ExitCode, await stdout);
    }
}
