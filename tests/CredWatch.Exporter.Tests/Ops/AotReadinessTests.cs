using System.Reflection;
using CredWatch.Exporter.Web;

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
}
