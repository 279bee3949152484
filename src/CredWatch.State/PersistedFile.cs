namespace CredWatch.State;

/// <summary>
/// One state file of a component, with the rules every state file follows: read once at start; a corrupt one is set
/// aside (<c>&lt;name&gt;.corrupt-&lt;time&gt;</c>) and counted; an unreadable one (EACCES, EIO) is kept and never
/// written over; saves go through <see cref="StateFile.Write"/>, and a failed save
/// (full disk) is counted, logged once, and leaves the previous file intact.
/// </summary>
public sealed class PersistedFile
{
    private readonly StateFileReporter? _reporter;
    private readonly TimeProvider _time;

    /// <param name="path">The file.</param>
    /// <param name="label">The bounded <c>file</c> label (the name within the state dir, e.g. <c>alerts/outbox.json</c>).</param>
    /// <param name="reporter">Counts and logs problems; null in tests that only look at the file.</param>
    /// <param name="time">For the set-aside name.</param>
    public PersistedFile(string path, string label, StateFileReporter? reporter = null, TimeProvider? time = null)
    {
        Path = path;
        Label = label;
        _reporter = reporter;
        _time = time ?? TimeProvider.System;
    }

    public string Path { get; }

    public string Label { get; }

    /// <summary>The file could not be read at start: it is kept as it is and no save replaces it.</summary>
    public bool Blocked { get; private set; }

    /// <summary>Why the file at start was not used (a <see cref="StateFileReasons"/> value), if it was not.</summary>
    public string? Problem { get; private set; }

    /// <summary>Where a corrupt file was moved, if one was.</summary>
    public string? SetAsidePath { get; private set; }

    /// <summary>The file's bytes, or null when there is none or it cannot be used (already reported).</summary>
    public byte[]? Load(long maxBytes = StateFile.DefaultMaxBytes)
    {
        var read = StateFile.Read(Path, maxBytes);
        switch (read.Status)
        {
            case StateFileStatus.Ok:
                return read.Bytes;
            case StateFileStatus.Unreadable:
                Problem = read.Reason;
                Blocked = true;
                _reporter?.Unreadable(Label, read.Reason!, Path);
                return null;
            case StateFileStatus.Corrupt:
                Reject(read.Reason!);
                return null;
            default:
                return null;
        }
    }

    /// <summary>The loaded bytes did not parse: sets the file aside and reports it.</summary>
    public void Reject(string reason)
    {
        Problem = reason;
        SetAsidePath = StateFile.SetAside(Path, _time.GetUtcNow());
        if (SetAsidePath is null && File.Exists(Path))
        {
            // Could not be moved: keep it, like an unreadable file.
            Blocked = true;
        }

        if (_reporter is not null)
        {
            _reporter.Corrupt(Label, reason, Path, SetAsidePath);
        }
    }

    /// <summary>Saves atomically; false when blocked or when the write failed (reported; the old file is intact).</summary>
    public bool TrySave(ReadOnlySpan<byte> content) => TrySave(content, out _);

    /// <inheritdoc cref="TrySave(ReadOnlySpan{byte})"/>
    public bool TrySave(ReadOnlySpan<byte> content, out Exception? error)
    {
        error = null;
        if (Blocked)
        {
            return false;
        }

        try
        {
            StateFile.Write(Path, content);
            _reporter?.Written(Path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = ex;
            _reporter?.WriteFailed(Label, Path, ex);
            return false;
        }
    }
}
