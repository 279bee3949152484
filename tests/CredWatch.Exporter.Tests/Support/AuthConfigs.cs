using CredWatch.Exporter.Effective;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Tests.Support;

/// <summary>The <c>auth</c> part of the config in the state dir a scan used, read as the daemon reads it.</summary>
internal static class AuthConfigs
{
    public static OpenClawAuthConfig Of(RegistryState state) => state.OpenClawStateDir is { } dir
        ? OpenClawAuthConfig.From(new OpenClawInstallation(dir, new PathEnvironment(dir, _ => null)).Resolve().Config)
        : OpenClawAuthConfig.Empty;
}
