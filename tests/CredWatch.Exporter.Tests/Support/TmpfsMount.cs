using System.Diagnostics;
using System.Globalization;

namespace CredWatch.Exporter.Tests.Support;

/// <summary>
/// A real, tiny tmpfs mounted at a directory (root only: CI runs as root; as any other user the test fails rather
/// than passes, because its prerequisite is missing). <see cref="Fill"/> takes every free byte; <see cref="Free"/>
/// gives them back.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private readonly string _filler;

    public TmpfsMount(string dir, int kilobytes)
    {
        Environment.IsPrivilegedProcess.Should().BeTrue("mounting a tmpfs needs root; CI runs the tests as root");
        Directory.CreateDirectory(dir);
        Run("mount", "-t", "tmpfs", "-o", "size=" + kilobytes.ToString(CultureInfo.InvariantCulture) + "k,mode=0700", "tmpfs", dir);
        Dir = dir;
        _filler = Path.Combine(dir, "filler.bin");
    }

    public string Dir { get; }

    /// <summary>Writes a filler file until the filesystem says ENOSPC.</summary>
    public void Fill()
    {
        using var fs = new FileStream(_filler, FileMode.Append, FileAccess.Write, FileShare.None, 1);
        var block = new byte[4096];
        try
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                fs.Write(block);
                fs.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
            return;
        }

        throw new InvalidOperationException("the tmpfs never filled up");
    }

    public void Free() => File.Delete(_filler);

    /// <summary>Files left in the mount that are not the filler (temp files would show here).</summary>
    public IReadOnlyList<string> Files() =>
        [.. Directory.GetFiles(Dir, "*", SearchOption.AllDirectories).Where(f => f != _filler).Select(f => Path.GetRelativePath(Dir, f)).Order(StringComparer.Ordinal)];

    public void Dispose() => Run("umount", "-l", Dir);

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.Should().Be(0, $"{file} {string.Join(' ', args)}: {err}");
    }
}
