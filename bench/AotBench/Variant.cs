namespace AotBench;

/// <summary>A way to start the daemon: a file, arguments before <c>run</c>, and extra environment.</summary>
internal sealed record Variant(string Name, string File, IReadOnlyList<string> Prefix, IReadOnlyDictionary<string, string> Environment);
