using System.Globalization;
using System.Text;

namespace CredWatch.State;

/// <summary>
/// One daemon per state dir: an advisory lock (flock) on <c>&lt;state-dir&gt;/credwatch.lock</c>, held for the
/// process's life (the kernel drops it when the process dies, kill -9 included), holding the owner's pid.
/// </summary>
public sealed class StateDirLock : IDisposable
{
    public const string FileName = "credwatch.lock";

    private readonly FileStream _stream;

    private StateDirLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>
    /// Takes the lock; null when another process holds it, with <paramref name="ownerPid"/> the pid it wrote
    /// (or "unknown").
    /// </summary>
    public static StateDirLock? TryAcquire(string stateDir, out string ownerPid)
    {
        StateFile.EnsureDirectory(stateDir);
        var path = Path.Combine(stateDir, FileName);

        // FileShare.None is .NET's flock(LOCK_EX|LOCK_NB) at open; the explicit flock below keeps the guarantee when
        // .NET's file locking is switched off (DOTNET_SYSTEM_IO_DISABLEFILELOCKING).
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = StateFile.PrivateFile;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException ex) when (ex.HResult == 11 || ex.Message.Contains("another process", StringComparison.Ordinal))
        {
            ownerPid = OwnerPid(path);
            return null;
        }

        try
        {
            if (!Native.TryLockExclusive(stream.SafeFileHandle))
            {
                stream.Dispose();
                ownerPid = OwnerPid(path);
                return null;
            }

            try
            {
                stream.SetLength(0);
                stream.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
                stream.Flush(flushToDisk: true);
            }
            catch (IOException)
            {
                // A full disk: the lock holds all the same; a second daemon then names the pid as unknown.
            }

            ownerPid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            return new StateDirLock(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static string OwnerPid(string path)
    {
        var text = Native.ReadHead(path, 32) is { } head ? Encoding.ASCII.GetString(head).Trim() : string.Empty;
        return text.Length > 0 && text.All(char.IsAsciiDigit) ? text : "unknown";
    }

    public void Dispose() => _stream.Dispose();
}
