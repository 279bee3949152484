using System.Text.Json;

namespace CredWatch.LogTail.Following;

/// <summary>
/// Positions in <c>&lt;state-dir&gt;/logtail-positions.json</c>, written atomically (temp → fsync → rename)
/// so a crash leaves either the old or the new document, never a torn one. An unreadable document is
/// set aside (renamed <c>.corrupt</c>), never overwritten blindly, and reading starts as on a first start.
/// </summary>
internal sealed class PositionStore(string stateDir)
{
    public const string FileName = "logtail-positions.json";

    public string FilePath { get; } = Path.Combine(stateDir, FileName);

    /// <summary>After <see cref="Load"/>: a usable positions document existed (CredWatch ran here before).</summary>
    public bool Existed { get; private set; }

    /// <summary>Loads the document; <paramref name="problem"/> says why it was ignored, if it was.</summary>
    public PositionFile Load(out string? problem)
    {
        problem = null;
        Existed = File.Exists(FilePath);
        if (!Existed)
        {
            return new PositionFile();
        }

        try
        {
            var bytes = File.ReadAllBytes(FilePath);
            return JsonSerializer.Deserialize(bytes, PositionJsonContext.Default.PositionFile) ?? new PositionFile();
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            problem = ex is JsonException ? "invalid_json" : "read_failed";
            Existed = false;
            TrySetAside();
            return new PositionFile();
        }
    }

    public void Save(PositionFile doc)
    {
        Directory.CreateDirectory(stateDir);
        var tmp = FilePath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            var fso = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                fso.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var fs = new FileStream(tmp, fso))
            {
                JsonSerializer.Serialize(fs, doc, PositionJsonContext.Default.PositionFile);
                fs.Flush(flushToDisk: true);
            }

            File.Move(tmp, FilePath, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }

    private void TrySetAside()
    {
        try
        {
            File.Move(FilePath, FilePath + ".corrupt", overwrite: true);
        }
        catch (IOException)
        {
            // Left in place; it is reported and ignored either way.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
