using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CredWatch.Exporter.Metrics;

/// <summary>What was built and what runs it: <c>--version</c>, <c>credwatch_build_info</c>, the status page.</summary>
internal static class BuildIdentity
{
    private static readonly string Informational =
        typeof(BuildIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The release version (<c>0.1.0</c>).</summary>
    public static string Version { get; } = Informational.Split('+')[0];

    /// <summary>The source commit the SDK stamped after the <c>+</c>, or <c>unknown</c> outside a git checkout.</summary>
    public static string Revision { get; } = Informational.Split('+') is [_, { Length: > 0 } rev, ..] ? rev : "unknown";

    /// <summary>The .NET runtime and whether it is the Native AOT build (<c>.NET 10.0.1 aot</c>).</summary>
    public static string Runtime { get; } = RuntimeInformation.FrameworkDescription + (RuntimeFeature.IsDynamicCodeSupported ? " jit" : " aot");

    /// <summary>The <c>--version</c> text.</summary>
    public static string Describe() =>
        $"credwatch, version {Version} (revision: {Revision})\n  runtime: {Runtime}\n  platform: {RuntimeInformation.RuntimeIdentifier}";
}
