using System.Text.Json;

namespace CredWatch.Alerts;

/// <summary>
/// The outbox file <c>&lt;state&gt;/alerts/outbox.json</c>: read once at start, rewritten atomically
/// (temp → fsync → rename) after every change. A corrupt file is moved aside, never overwritten.
/// </summary>
internal sealed class OutboxStore(string stateDir)
{
    private const long MaxBytes = 64L * 1024 * 1024;

    public string Directory { get; } = Path.Combine(stateDir, "alerts");

    public string FilePath => Path.Combine(Directory, "outbox.json");

    /// <summary>Loads the state; on a bad file returns empty state and the reason (the file is kept aside).</summary>
    public OutboxState Load(DateTimeOffset now, out string? problem)
    {
        problem = null;
        if (!File.Exists(FilePath))
        {
            return new OutboxState();
        }

        try
        {
            var info = new FileInfo(FilePath);
            if (info.Length > MaxBytes)
            {
                problem = "too_large";
            }
            else
            {
                using var stream = File.OpenRead(FilePath);
                var state = JsonSerializer.Deserialize(stream, AlertsJsonContext.Default.OutboxState);
                if (state is not null)
                {
                    state.Pending ??= [];
                    state.Messages ??= [];
                    state.Seen ??= [];
                    state.Firing ??= [];
                    return state;
                }

                problem = "invalid_json";
            }
        }
        catch (JsonException)
        {
            problem = "invalid_json";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = "read_failed";
            return new OutboxState();
        }

        try
        {
            File.Move(FilePath, FilePath + ".corrupt-" + now.ToUnixTimeMilliseconds(), overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Keeping it in place is fine: the next save replaces the name, the content was unusable anyway.
        }

        return new OutboxState();
    }

    public void Save(OutboxState state)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var tmp = FilePath + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            JsonSerializer.Serialize(fs, state, AlertsJsonContext.Default.OutboxState);
            fs.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(tmp, FilePath, overwrite: true);
    }
}
