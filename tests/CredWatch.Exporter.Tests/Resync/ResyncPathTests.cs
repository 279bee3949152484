using System.Diagnostics;
using CredWatch.Exporter.Resync;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>The store path is resolved once, and a directory symlink another user controls is refused.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // symlink owners: CredWatch runs on Linux
public sealed class ResyncPathTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cw-rpath-" + Guid.NewGuid().ToString("N")[..8]);

    public ResyncPathTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "real", "agent"));
        File.WriteAllText(Path.Combine(_root, "real", "agent", "auth-profiles.json"), "{}");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_directory_symlink_of_this_user_is_resolved_once_to_the_real_directory()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "link"), Path.Combine(_root, "real"));

        var resolved = ResyncExecutor.ResolveTarget(Path.Combine(_root, "link", "agent", "auth-profiles.json"), out var refusal);

        refusal.Should().BeNull();
        resolved.Should().Be(Path.Combine(_root, "real", "agent", "auth-profiles.json"));
    }

    [Fact]
    public void A_directory_symlink_owned_by_another_user_is_refused_with_a_reason()
    {
        Environment.IsPrivilegedProcess.Should().BeTrue("giving a symlink to another user needs root; CI runs as root");
        var link = Path.Combine(_root, "link");
        Directory.CreateSymbolicLink(link, Path.Combine(_root, "real"));
        using (var chown = Process.Start("chown", ["-h", "65534:65534", link]))
        {
            chown.WaitForExit();
            chown.ExitCode.Should().Be(0);
        }

        var resolved = ResyncExecutor.ResolveTarget(Path.Combine(link, "agent", "auth-profiles.json"), out var refusal);

        resolved.Should().BeNull();
        refusal.Should().Be($"{link} is a symbolic link owned by uid 65534, not by this user or root; not following it");
    }
}
