using System.Reflection;
using System.Text.Json;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Tests.Support;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// Native AOT readiness without publishing (issue 6). The real guard is the build itself: the Exporter, LogTail and
/// Alerts projects set <c>IsAotCompatible</c>, so the trim/AOT analyzers run in every <c>dotnet build</c> and any
/// reflection-based call (e.g. <c>JsonSerializer.Serialize(object)</c>) is IL2026/IL3050 — an error under
/// TreatWarningsAsErrors, before any test runs. These tests fail fast if someone switches that off, or turns off the
/// source generators that make the normal build run the same code as the AOT binary.
/// </summary>
public sealed class AotReadinessTests
{
    public static TheoryData<string> CredWatchAssemblies => new()
    {
        "credwatch",
        "CredWatch.LogTail",
        "CredWatch.Alerts",
    };

    [Theory]
    [MemberData(nameof(CredWatchAssemblies))]
    public void Assembly_is_built_with_the_trim_and_aot_analyzers(string name)
    {
        var assembly = Assembly.Load(name);

        // IsAotCompatible implies IsTrimmable, which the SDK stamps into the assembly; EnableAotAnalyzer and
        // EnableTrimAnalyzer come with it.
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Should().Contain(a => a.Key == "IsTrimmable" && a.Value == "True",
                $"{name} must keep <IsAotCompatible>true</IsAotCompatible> so every build reports trim/AOT warnings as errors");
    }

    [Fact]
    public void Minimal_api_routes_use_the_request_delegate_generator()
    {
        // Without RDG, MapGet(Delegate) is reflection (RequestDelegateFactory) in tests but generated code in the AOT
        // binary; with it, tests exercise what ships. Its interceptors live in this namespace.
        typeof(StatusSection).Assembly.GetTypes()
            .Should().Contain(t => t.Namespace == "Microsoft.AspNetCore.Http.Generated",
                "EnableRequestDelegateGenerator must stay on in CredWatch.Exporter.csproj");
    }

    [Fact]
    public void Options_binding_uses_the_configuration_binding_generator()
    {
        typeof(StatusSection).Assembly.GetTypes()
            .Should().Contain(t => t.Namespace == "Microsoft.Extensions.Configuration.Binder.SourceGeneration",
                "EnableConfigurationBindingGenerator must stay on in CredWatch.Exporter.csproj");
    }

    [Fact]
    public void Memory_runtime_knobs_ship_in_the_runtimeconfig_the_aot_compiler_also_bakes_in()
    {
        // RuntimeHostConfigurationOption items land in credwatch.runtimeconfig.json (JIT) and, under PublishAot, are
        // compiled into the binary as runtime knobs: the same source feeds both. docs/ops.md gives the measured effect.
        var runtimeConfig = Path.ChangeExtension(CredWatchProcess.Dll(), ".runtimeconfig.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(runtimeConfig));
        var properties = doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        properties.GetProperty("System.GC.Server").GetBoolean().Should().BeFalse("a sidecar wants one small heap, not one per core");
        properties.GetProperty("System.GC.Concurrent").GetBoolean().Should().BeFalse("background GC costs a thread and memory for nothing here");
        properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64().Should().Be(2L * 1024 * 1024, "the gen0 budget is touched memory: capped at 2 MB");
    }

    [Fact]
    public async Task The_aot_publish_links_a_non_pie_executable_that_keeps_its_type_data_in_the_file()
    {
        // docs/ops.md: rehydrated type data was ~16 MB of private memory for life; read from a fixed-address file it
        // costs only the pages touched. Evaluated by MSBuild itself, so a default the SDK sets later would show here.
        var project = Path.Combine(CredWatch.TestSupport.TestPaths.RepoRoot, "src", "CredWatch.Exporter", "CredWatch.Exporter.csproj");
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "msbuild", project, "-getProperty:IlcDehydrate", "-getProperty:PositionIndependentExecutable", "-p:PublishAot=true", "-p:RuntimeIdentifier=linux-x64", "-nologo" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.Should().Be(0, output);
        using var doc = JsonDocument.Parse(output);
        var properties = doc.RootElement.GetProperty("Properties");
        properties.GetProperty("IlcDehydrate").GetString().Should().Be("false");
        properties.GetProperty("PositionIndependentExecutable").GetString().Should().Be("false");
    }
}
