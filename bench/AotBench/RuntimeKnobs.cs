namespace AotBench;

internal static class RuntimeKnobs
{
    /// <summary>
    /// Environment that puts the runtime's defaults back over the GC knobs CredWatch.Exporter.csproj compiles into
    /// the AOT binary (the runtime reads <c>DOTNET_*</c> before compiled-in knobs). Keep in step with the csproj.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RuntimeDefaults = new Dictionary<string, string>
    {
        ["DOTNET_gcConcurrent"] = "1",
        ["DOTNET_GCGen0MaxBudget"] = "0",
    };
}
