using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CredWatch.LogTail.Configuration;
using CredWatch.LogTail.Signals;
using CredWatch.State;
using Microsoft.Extensions.Logging;

namespace CredWatch.LogTail.Journald;

/// <summary>
/// Follows <c>journalctl [--user] -u UNIT -o json --follow</c>: each entry's MESSAGE (the console text)
/// goes through the same rules as file lines. The cursor of the last entry read is persisted, and a
/// restart passes <c>--after-cursor</c>, so entries written while CredWatch was down are read once.
/// Without a cursor it starts at the end (<c>--lines=0</c>) or at the beginning, like files.
/// </summary>
internal sealed class JournaldSource(LogTailOptions options, TimeProvider time, SignalPipeline pipeline, ILogger logger, StateFileReporter? reporter = null)
{
    private readonly JournalCursorStore _cursors = new(options.StateDir!, reporter, time);

    public const string Origin = "journald";

    public async Task RunAsync(CancellationToken ct)
    {
        var cursor = _cursors.Load();
        while (!ct.IsCancellationRequested)
        {
            string[] args =
            [
                .. options.Journald.User ? (string[])["--user"] : [],
                "-u", options.Journald.Unit, "-o", "json", "--follow", "--no-pager",
                cursor is not null ? "--after-cursor=" + cursor : options.StartAtEnd ? "--lines=0" : "--lines=all",
            ];
            var psi = new ProcessStartInfo(options.Journald.Command, args)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };

            Process proc;
            try
            {
                proc = Process.Start(psi) ?? throw new InvalidOperationException("no process");
            }
            catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
            {
                Log.JournalStartFailed(logger, options.Journald.Command, ex.GetType().Name, options.Journald.RestartDelay);
                await Delay(ct);
                continue;
            }

            Log.JournalStarted(logger, options.Journald.Command, cursor is not null);
            using (proc)
            {
                _ = proc.StandardError.ReadToEndAsync(ct);
                try
                {
                    while (await proc.StandardOutput.ReadLineAsync(ct) is { } line)
                    {
                        if (OnEntry(line) is { } c)
                        {
                            cursor = c;
                            SaveCursor(c);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    Kill(proc);
                    return;
                }

                await proc.WaitForExitAsync(CancellationToken.None);
                Log.JournalExited(logger, proc.ExitCode, options.Journald.RestartDelay);
            }

            await Delay(ct);
        }
    }

    /// <summary>Handles one journal JSON entry; returns its cursor.</summary>
    internal string? OnEntry(string json)
    {
        pipeline.Lines(1);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var cursor = root.TryGetProperty("__CURSOR", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var message = Message(root);
            if (message is null)
            {
                Log.JournalEntrySkipped(logger);
                return cursor;
            }

            DateTimeOffset? at = null;
            if (root.TryGetProperty("__REALTIME_TIMESTAMP", out var ts) && ts.ValueKind == JsonValueKind.String
                && long.TryParse(ts.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
            {
                at = DateTimeOffset.FromUnixTimeMilliseconds(micros / 1000);
            }

            // The console copy may itself be an OpenClaw JSON line; otherwise it is plain text.
            var bytes = Encoding.UTF8.GetBytes(message);
            if (bytes.Length > options.MaxLineBytes)
            {
                pipeline.Skipped(SkipReasons.TooLong);
                return cursor;
            }

            var parsed = LogLineParser.Parse(bytes, out _);
            pipeline.OnParsedLine(at is null || parsed.Time is not null ? parsed : parsed with { Time = at }, Origin);
            return cursor;
        }
        catch (JsonException)
        {
            pipeline.Skipped(SkipReasons.InvalidJson);
            return null;
        }
    }

    private static string? Message(JsonElement root) => !root.TryGetProperty("MESSAGE", out var m) ? null : m.ValueKind switch
    {
        JsonValueKind.String => m.GetString(),

        // journald sends non-UTF-8 or binary messages as an array of byte values.
        JsonValueKind.Array => Encoding.UTF8.GetString([.. m.EnumerateArray().Select(b => b.TryGetByte(out var v) ? v : (byte)'?')]),
        _ => null,
    };

    private void SaveCursor(string cursor)
    {
        try
        {
            _cursors.Save(cursor);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.PositionsNotSaved(logger, _cursors.FilePath, ex.Message);
        }
    }

    private async Task Delay(CancellationToken ct)
    {
        try
        {
            await Task.Delay(options.Journald.RestartDelay, time, ct);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static void Kill(Process proc)
    {
        try
        {
            proc.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
