using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Cli;

/// <summary>
/// The real built <c>credwatch</c>, tried the way an operator who runs other exporters tries it: relative paths, typos,
/// a taken port, log flags, <c>--version</c>. Every expected failure is one stderr line without a stack trace.
/// </summary>
public sealed class OperatorCliTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Readme_example_with_a_relative_home_runs_from_the_repository_root()
    {
        var (code, stdout, stderr) = await RunIn(TestPaths.RepoRoot, "check", "--home", "tests/fixtures/home", "--state-dir", _home.StateDir);
        code.Should().Be(2, stderr);
        stdout.Should().StartWith("CREDWATCH CRITICAL").And.Contain("openclaw/hr-bp anthropic:claude-cli");
    }

    [Fact]
    public async Task Relative_state_dir_resolves_against_the_working_directory()
    {
        var (code, _, stderr) = await RunIn(_home.Root, "check", "--home", "home", "--state-dir", "state", "--config", "cw.json");
        code.Should().Be(3, "the config file is missing, relative to the working directory");
        stderr.Should().Contain(Path.Combine(_home.Root, "cw.json"));
    }

    [Theory]
    [InlineData("--bogus", "'--bogus'")]
    [InlineData("--web.listen-address=nope", "--web.listen-address 'nope' is not HOST:PORT")]
    [InlineData("--log.level=loud", "--log.level 'loud' is not one of debug, info, warn, error")]
    [InlineData("--log.format=xml", "--log.format 'xml' is not one of logfmt, json")]
    public async Task Usage_errors_exit_3_with_one_line_naming_what_was_typed(string arg, string expected)
    {
        var (code, stdout, stderr) = await CredWatchProcess.RunAsync(["check", "--home", _home.Home, "--state-dir", _home.StateDir, arg]);
        code.Should().Be(3, stderr);
        stdout.Should().BeEmpty("no help text");
        OneLine(stderr).Should().Contain(expected).And.Contain("credwatch --help");
    }

    [Fact]
    public async Task Unknown_keys_in_a_config_file_are_refused_by_name()
    {
        var config = Path.Combine(_home.Root, "cw.json");
        await File.WriteAllTextAsync(config, """{"CredWatch":{"Scan":{"RescanIntervl":"00:01:00"},"LogTail":{"Journald":{"Unitt":"x"}},"Telegramm":{}},"Web":{}}""");
        var (code, _, stderr) = await CredWatchProcess.RunAsync(["check", "--home", _home.Home, "--state-dir", _home.StateDir, "--config", config]);
        code.Should().Be(3);
        OneLine(stderr).Should().Contain("CredWatch:Scan:RescanIntervl").And.Contain("CredWatch:LogTail:Journald:Unitt")
            .And.Contain("CredWatch:Telegramm").And.Contain("Web");

        await File.WriteAllTextAsync(config, """{"CredWatch":{"Scan":{"RescanInterval":"00:01:00"},"LogTail":{"Paths":["/nowhere/*.log"]},"Sources":{"anthropic":"claude-cli"},"Web":{"ListenAddress":"127.0.0.1:9797"},"Log":{"Level":"warn"}}}""");
        var (okCode, _, okErr) = await CredWatchProcess.RunAsync(["check", "--home", _home.Home, "--state-dir", _home.StateDir, "--config", config]);
        okCode.Should().Be(2, "every key is known; the fixture home has a stale copy: " + okErr);
    }

    [Fact]
    public async Task A_bad_value_set_by_a_flag_names_the_flag_not_the_key()
    {
        var (code, _, stderr) = await CredWatchProcess.RunAsync(["run", "--home", _home.Home, "--state-dir", _home.StateDir, "--web.listen-address", "example.org:9797"]);
        code.Should().Be(3, stderr);
        OneLine(stderr).Should().Contain("--web.listen-address 'example.org:9797'").And.NotContain("CredWatch:Web:ListenAddress");
    }

    [Fact]
    public async Task Port_in_use_is_one_line_naming_the_address_and_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = "127.0.0.1:" + ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var (code, _, stderr) = await CredWatchProcess.RunAsync(["run", "--home", _home.Home, "--state-dir", _home.StateDir, "--web.listen-address", address]);
        code.Should().Be(1);
        stderr.Should().NotContain("Unhandled exception").And.NotContain("   at ");
        // The console logger drains its queue on its own thread, so a log line may follow the error line.
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("credwatch: ", StringComparison.Ordinal)).Should().ContainSingle().Which.Should().Be(
            $"credwatch: cannot listen on {address}: address already in use (another process serves it; choose a free one with --web.listen-address)");
    }

    [Fact]
    public async Task Version_prints_version_revision_and_runtime()
    {
        var (code, stdout, _) = await CredWatchProcess.RunAsync(["--version"]);
        code.Should().Be(0);
        stdout.Should().MatchRegex(@"^credwatch, version \d+\.\d+\.\d+ \(revision: [0-9a-f]{7,40}\)\n  runtime: \.NET \d+\.\d+\.\d+ (jit|aot)\n");
    }

    [Fact]
    public async Task Json_logs_at_debug_have_promslog_fields_the_scan_line_and_a_shutdown_line()
    {
        await using var daemon = await CredWatchProcess.StartDaemonAsync(_home.Home, _home.StateDir, extraArgs: ["--log.format", "json", "--log.level", "debug"]);
        await Eventually.UntilAsync(() => Task.FromResult(daemon.Stderr.Contains("\"msg\":\"Scan: ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the periodic scan line at debug");
        await Terminate(daemon);
        var lines = daemon.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().NotBeEmpty();
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            root.GetProperty("time").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
            root.GetProperty("level").GetString().Should().BeOneOf("DEBUG", "INFO", "WARN", "ERROR");
            root.GetProperty("source").GetString().Should().NotBeNullOrEmpty();
            root.GetProperty("msg").GetString().Should().NotBeNullOrEmpty();
        }

        lines.Should().Contain(l => l.Contains("\"level\":\"INFO\"", StringComparison.Ordinal) && l.Contains("listening on http://127.0.0.1:" + daemon.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("\"level\":\"DEBUG\"", StringComparison.Ordinal) && l.Contains("\"msg\":\"Scan: ", StringComparison.Ordinal));
        lines.Last().Should().Contain("\"msg\":\"CredWatch shutting down\"");
        daemon.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Default_logs_are_logfmt_at_info_without_the_periodic_scan_line()
    {
        await using var daemon = await CredWatchProcess.StartDaemonAsync(_home.Home, _home.StateDir);
        await Terminate(daemon);
        var lines = daemon.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^time=\S+ level=(INFO|WARN|ERROR) source=\S+ msg="), "every line is logfmt at info or above");
        lines.Should().Contain(l => l.Contains("msg=\"CredWatch 0.", StringComparison.Ordinal) && l.Contains("listening on", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains("msg=\"Scan: ", StringComparison.Ordinal), "the first scan ran before /readyz answered, at debug");
        lines.Last().Should().Contain("msg=\"CredWatch shutting down\"");
    }

    [Fact]
    public async Task Healthcheck_exits_0_for_a_running_daemon_and_1_with_one_line_when_none_answers()
    {
        await using (var daemon = await CredWatchProcess.StartDaemonAsync(_home.Home, _home.StateDir))
        {
            var address = "127.0.0.1:" + daemon.Port.ToString(CultureInfo.InvariantCulture);
            var (code, _, stderr) = await CredWatchProcess.RunAsync(["healthcheck", "--web.listen-address", address]);
            code.Should().Be(0, stderr);
        }

        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var (downCode, _, downErr) = await CredWatchProcess.RunAsync(["healthcheck", "--url", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/healthz"]);
        downCode.Should().Be(1);
        OneLine(downErr).Should().StartWith($"credwatch healthcheck: http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/healthz: ");
    }

    // SIGTERM, as systemd and docker stop send it; the daemon must log its shutdown line and exit 0.
    private static async Task Terminate(CredWatchProcess daemon)
    {
        using (var kill = Process.Start("kill", ["-TERM", daemon.Pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await daemon.WaitForExitAsync(limit.Token);
    }

    private static string OneLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle("one line, not the help or a stack trace: " + stderr);
        return lines[0];
    }

    private static async Task<(int Code, string Out, string Err)> RunIn(string workingDirectory, params string[] args)
    {
        var psi = CredWatchProcess.StartInfo(args);
        psi.WorkingDirectory = workingDirectory;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(limit.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
