namespace CredWatch.LogTail;

internal static class AssemblyMarker;
