namespace CredWatch.Alerts;

internal static class AssemblyMarker;
