using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>deploy/credwatch.service: verified by the real systemd-analyze (user manager).</summary>
public sealed class SystemdUnitTests
{
    [Fact]
    public void Unit_starts_after_the_gateway_and_keeps_the_home_read_only()
    {
        var lines = File.ReadAllLines(OpsFiles.SystemdUnit).Select(l => l.Trim()).ToList();

        lines.Should().Contain(l => l.StartsWith("After=", StringComparison.Ordinal) && l.Contains("openclaw-gateway.service", StringComparison.Ordinal));
        lines.Should().Contain("Wants=openclaw-gateway.service");
        lines.Should().NotContain(l => l.StartsWith("Requires=", StringComparison.Ordinal), "CredWatch must keep alerting while the gateway is down");
        lines.Should().Contain("ProtectHome=read-only");
        lines.Should().Contain(l => l.StartsWith("ReadWritePaths=", StringComparison.Ordinal) && l.Contains("%S/credwatch", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("ExecStart=", StringComparison.Ordinal) && l.Contains("127.0.0.1:9797", StringComparison.Ordinal));
        lines.Should().NotContain("PrivateTmp=yes", "the gateway log lives in /tmp/openclaw");
        lines.Should().Contain("WantedBy=default.target");
    }

    [Fact]
    public void Unit_is_hardened_like_node_exporters_and_writes_openclaw_only_with_resync()
    {
        var lines = File.ReadAllLines(OpsFiles.SystemdUnit).Select(l => l.Trim()).ToList();
        lines.Should().Contain(["MemoryDenyWriteExecute=yes", "ProtectKernelLogs=yes", "PrivateDevices=yes", "NoNewPrivileges=yes", "ProtectSystem=strict"]);
        lines.Should().ContainSingle(l => l.StartsWith("ReadWritePaths=", StringComparison.Ordinal)).Which.Should().Be("ReadWritePaths=%S/credwatch",
            "resync is off by default: the main unit never writes OpenClaw's state");

        var dropIn = File.ReadAllLines(Path.Combine(OpsFiles.Root, "deploy", "credwatch.service.d", "resync.conf")).Select(l => l.Trim()).ToList();
        dropIn.Should().Contain("ReadWritePaths=-%h/.openclaw");
        dropIn.Should().Contain("ExecStart=", "a drop-in must clear ExecStart before replacing it");
        var exec = dropIn.Last(l => l.StartsWith("ExecStart=%h/", StringComparison.Ordinal));
        exec.Should().EndWith("--resync");
        var parse = CredWatch.Exporter.Cli.CliVerbs.CreateRoot().Parse(exec["ExecStart=%h/.local/bin/credwatch ".Length..].Split(' '));
        parse.Errors.Should().BeEmpty("the drop-in's command line is one credwatch accepts");
    }

    [RequiresBinariesFact(PromBinaries.SystemdAnalyze)]
    public async Task Systemd_analyze_verify_reports_no_problem()
    {
        var dir = Directory.CreateTempSubdirectory("credwatch-unit-").FullName;
        try
        {
            // The binary is not installed in CI: point ExecStart at a real executable, keep every other line.
            var unit = (await File.ReadAllTextAsync(OpsFiles.SystemdUnit))
                .Replace("ExecStart=%h/.local/bin/credwatch", "ExecStart=/bin/true", StringComparison.Ordinal);
            var path = Path.Combine(dir, "credwatch.service");
            await File.WriteAllTextAsync(path, unit);
            var runtime = Directory.CreateDirectory(Path.Combine(dir, "runtime")).FullName;

            var result = await Tool.RunAsync(
                PromBinaries.SystemdAnalyze,
                ["verify", "--user", path],
                workingDirectory: dir,
                environment: new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = runtime, ["SYSTEMD_LOG_LEVEL"] = "notice" });

            result.ExitCode.Should().Be(0, result.ToString());
            result.Combined.Should().NotContain("Unknown").And.NotContain("ignoring").And.NotContain("Failed");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
