using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CredWatch.LogTail.Signals;

namespace CredWatch.LogTail.Scanning;

/// <summary>
/// <c>credwatch scan FILE... [--json] [--since TIME]</c>: replays old logs (plain or <c>.gz</c>) through
/// the same rules and de-duplication as the live tailer and lists every lost subagent result and auth
/// failure with its time, run id and requester chat/topic. The Exporter's CLI only parses flags and calls
/// <see cref="Run"/>.
/// </summary>
public static class LogScanner
{
    /// <summary>Signals that mean a subagent's result never reached its requester.</summary>
    private static readonly string[] LostResultSignals =
        [SignalNames.OrphanRunPruned, SignalNames.AnnounceGiveUp, SignalNames.AnnounceFailed];

    private static readonly string[] Header = ["TIME (UTC)", "SIGNAL", "PROVIDER", "RUN", "REQUESTER", "DETAIL"];

    public static ScanResult Scan(IEnumerable<string> files, DateTimeOffset? since = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        const int maxLineBytes = 256 * 1024;
        var signals = new List<LogSignal>();
        var problems = new List<string>();
        var pipeline = new SignalPipeline(time ?? TimeProvider.System, TimeSpan.FromSeconds(10), null, null, s =>
        {
            if (since is null || s.Time >= since)
            {
                signals.Add(s);
            }
        });
        var processor = new LineProcessor(maxLineBytes, pipeline);
        var buffer = new byte[Math.Max(1 << 20, maxLineBytes) + (1 << 20)];
        foreach (var file in files)
        {
            try
            {
                using var raw = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
                using Stream stream = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
                ReadAll(stream, processor, buffer, file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                problems.Add($"{file}: {Reason(ex)}");
            }
        }

        return new ScanResult(signals, pipeline.LinesSeen, pipeline.SkippedTooLong, problems);
    }

    /// <summary>
    /// The whole verb: scans, writes the text table or JSON to <paramref name="stdout"/>, problems to
    /// <paramref name="stderr"/>. Exit code 0 = scanned, 1 = a file could not be read, 2 = bad arguments.
    /// </summary>
    public static int Run(IReadOnlyList<string> files, bool json, string? since, TextWriter stdout, TextWriter stderr, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var clock = time ?? TimeProvider.System;
        if (files.Count == 0)
        {
            stderr.WriteLine("scan: no FILE given");
            return 2;
        }

        var from = since is null ? null : ParseSince(since, clock.GetUtcNow());
        if (since is not null && from is null)
        {
            stderr.WriteLine($"scan: --since '{since}' is neither an ISO-8601 time nor a duration like 7d, 24h, 30m");
            return 2;
        }

        var result = Scan(files, from, time: clock);
        stdout.Write(json ? FormatJson(result, from) : FormatText(result));
        foreach (var p in result.Problems)
        {
            stderr.WriteLine("scan: " + p);
        }

        return result.Problems.Count > 0 ? 1 : 0;
    }

    /// <summary>ISO-8601 (<c>2026-11-18</c>, <c>2026-11-18T10:00:00Z</c>) or a duration back from now (<c>7d</c>, <c>24h</c>, <c>30m</c>, <c>90s</c>).</summary>
    private static DateTimeOffset? ParseSince(string value, DateTimeOffset now)
    {
        var v = value.Trim();
        if (v.Length >= 2 && char.IsAsciiLetter(v[^1]) && double.TryParse(v[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            TimeSpan? span = char.ToLowerInvariant(v[^1]) switch
            {
                'd' => TimeSpan.FromDays(n),
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                's' => TimeSpan.FromSeconds(n),
                'w' => TimeSpan.FromDays(7 * n),
                _ => null,
            };
            return span is null ? null : now - span.Value;
        }

        return DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
    }

    private static string FormatText(ScanResult result)
    {
        var sb = new StringBuilder();
        List<string[]> rows =
        [
            Header,
            .. result.Signals.Select(s => new[]
            {
                s.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                s.Signal,
                s.Provider == SignalNames.NoProvider ? "-" : s.ProviderName ?? s.Provider,
                s.RunId ?? "-",
                Requester(s.Requester),
                Detail(s),
            }),
        ];
        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var r in rows)
        {
            sb.AppendJoin(string.Empty, r.Select((cell, i) => i == r.Length - 1 ? cell : cell.PadRight(widths[i] + 2))).Append('\n');
        }

        var lost = result.Signals.Count(s => LostResultSignals.Contains(s.Signal));
        var auth = result.Signals.Count - lost;
        sb.Append(CultureInfo.InvariantCulture, $"\n{result.Lines} lines read ({result.SkippedTooLong} too long); {lost} lost subagent result(s); {auth} auth failure(s)");
        var bySignal = result.Signals.GroupBy(s => s.Signal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}");
        var summary = string.Join(", ", bySignal);
        sb.Append(summary.Length > 0 ? $" ({summary})\n" : "\n");
        return sb.ToString();
    }

    public static string FormatJson(ScanResult result, DateTimeOffset? since = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("lines", result.Lines);
            if (since is { } s)
            {
                w.WriteString("since", s.UtcDateTime);
            }

            w.WriteStartObject("counts");
            foreach (var g in result.Signals.GroupBy(x => x.Signal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(g.Key, g.Count());
            }

            w.WriteEndObject();
            w.WriteStartArray("signals");
            foreach (var sig in result.Signals)
            {
                WriteSignal(w, sig);
            }

            w.WriteEndArray();
            w.WriteStartArray("problems");
            foreach (var p in result.Problems)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>One signal as JSON (also what the host can use for <c>/api/status</c>). Identifiers only.</summary>
    public static void WriteSignal(Utf8JsonWriter w, LogSignal sig)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(sig);
        w.WriteStartObject();
        w.WriteString("time", sig.Time.UtcDateTime);
        w.WriteString("signal", sig.Signal);
        w.WriteString("provider", sig.Provider);
        Opt(w, "providerName", sig.ProviderName);
        Opt(w, "runId", sig.RunId);
        Opt(w, "child", sig.ChildSessionKey);
        if (sig.Requester is { } r)
        {
            w.WriteStartObject("requester");
            w.WriteString("key", r.Raw);
            Opt(w, "agent", r.Agent);
            Opt(w, "channel", r.Channel);
            Opt(w, "chatType", r.ChatType);
            Opt(w, "chatId", r.ChatId);
            Opt(w, "topic", r.Topic);
            w.WriteEndObject();
        }

        Opt(w, "source", sig.Source);
        Opt(w, "reason", sig.Reason);
        if (sig.HttpStatus is { } st)
        {
            w.WriteNumber("httpStatus", st);
        }

        if (sig.Signal == SignalNames.TokenRefreshHttpError)
        {
            w.WriteBoolean("refreshTokenReused", sig.RefreshTokenReused);
        }

        if (sig.Retries is { } rt)
        {
            w.WriteNumber("retries", rt);
        }

        Opt(w, "agentId", sig.AgentId);
        Opt(w, "sessionId", sig.SessionId);
        Opt(w, "channel", sig.Channel);
        Opt(w, "lane", sig.Lane);
        Opt(w, "origin", sig.Origin);
        w.WriteEndObject();
    }

    private static void Opt(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static string Requester(RequesterKey? r) => r switch
    {
        null => "-",
        { ChatId: null } => r.Raw,
        { Topic: null } => $"{r.Channel}:{r.ChatType}:{r.ChatId}",
        _ => $"{r.Channel}:{r.ChatType}:{r.ChatId} topic {r.Topic}",
    };

    private static string Detail(LogSignal s)
    {
        string?[] parts =
        [
            s.Reason is null ? null : "reason=" + s.Reason,
            s.Source is null ? null : "source=" + s.Source,
            s.HttpStatus is { } st ? "status=" + st.ToString(CultureInfo.InvariantCulture) : null,
            s.RefreshTokenReused ? "refresh_token_reused" : null,
            s.ChildSessionKey is null ? null : "child=" + s.ChildSessionKey,
        ];
        var detail = string.Join(' ', parts.OfType<string>());
        return detail.Length == 0 ? "-" : detail;
    }

    private static void ReadAll(Stream stream, LineProcessor processor, byte[] buffer, string origin)
    {
        var carry = 0;
        processor.Discarding = false;
        while (true)
        {
            var n = stream.Read(buffer, carry, Math.Min(1 << 20, buffer.Length - carry));
            if (n <= 0)
            {
                break;
            }

            var data = buffer.AsSpan(0, carry + n);
            var consumed = processor.Process(data, origin);
            carry = data.Length - consumed;
            data[consumed..].CopyTo(buffer);
        }

        if (carry > 0 && !processor.Discarding)
        {
            // An old log's unterminated last line is still a line.
            buffer[carry] = (byte)'\n';
            processor.Process(buffer.AsSpan(0, carry + 1), origin);
        }
    }

    private static string Reason(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "not_found",
        UnauthorizedAccessException => "permission_denied",
        InvalidDataException => "invalid_gzip",
        _ => "read_failed",
    };
}
