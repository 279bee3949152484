namespace CredWatch.LogTail.Journald;

/// <summary>The journald cursor in <c>&lt;state-dir&gt;/logtail-journal.cursor</c>, written atomically like the positions.</summary>
internal sealed class JournalCursorStore(string stateDir)
{
    public string FilePath { get; } = Path.Combine(stateDir, "logtail-journal.cursor");

    public string? Load()
    {
        try
        {
            var s = File.Exists(FilePath) ? File.ReadAllText(FilePath).Trim() : null;
            return string.IsNullOrEmpty(s) || s.Length > 4096 ? null : s;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Save(string cursor)
    {
        Directory.CreateDirectory(stateDir);
        var tmp = FilePath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            {
                fs.Write(System.Text.Encoding.UTF8.GetBytes(cursor));
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
}
