using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredWatch.Exporter.Tests.AlertMapping;

namespace CredWatch.Exporter.Tests.Integration;

/// <summary>
/// Appends one failure every few milliseconds and now and then rotates the file the way operators' tools and OpenClaw
/// do — but only a file CredWatch has already seen (its positions name the file's head), as real rotations, hours apart,
/// always are: a file created and rotated away before any follower looked at it cannot be followed by anyone.
/// </summary>
internal sealed class RotatingLogWriter(string dir, string firstLog, string positionsFile, Random rng)
{
    private readonly List<string> _runs = [];
    private readonly List<string> _journal = [];
    private readonly Dictionary<string, int> _kinds = new(StringComparer.Ordinal);
    private string _log = firstLog;
    private DateOnly _day = new(2026, 11, 25);

    public IReadOnlyList<string> Runs => _runs;

    public IReadOnlyDictionary<string, int> RotationKinds => _kinds;

    public int Rotations => _kinds.Values.Sum();

    /// <summary>What was written where, in order, and each rotation: for explaining a failure.</summary>
    public IReadOnlyList<string> Journal => _journal;

    /// <summary>
    /// Appends until cancelled or <paramref name="maxRuns"/> failures are written. Each failure is one alert and the chat
    /// takes them at Telegram's group pace, so the work is bounded: a loaded box restarts the daemon more slowly and
    /// would otherwise write more than any fixed deadline can deliver.
    /// </summary>
    public async Task RunAsync(int maxRuns, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && _runs.Count < maxRuns)
        {
            var run = string.Create(CultureInfo.InvariantCulture, $"c0ffee{_runs.Count:d4}-{rng.Next(1 << 16):x4}-4000-8000-{rng.NextInt64(1L << 40):x12}");
            _runs.Add(run);
            _journal.Add(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {run[..10]} -> {Path.GetFileName(_log)}"));
            await File.AppendAllTextAsync(_log, AlertingHome.JsonLine($"[warn] Subagent announce give up (retry-limit) run={run} child=agent:main:subagent:{_runs.Count} requester=agent:main:main retries=3 endedAgo=1s") + "\n", CancellationToken.None);
            if (rng.Next(12) == 0 && Seen(_log))
            {
                Rotate();
            }

            try
            {
                await Task.Delay(rng.Next(5, 60), ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private bool Seen(string log)
    {
        try
        {
            var files = JsonNode.Parse(File.ReadAllText(positionsFile))?["files"]?.AsObject();
            var head = File.ReadAllBytes(log);
            return files is not null && files.Select(kv => kv.Value!).Any(p =>
                (string?)p["path"] == log && p["headLength"]!.GetValue<int>() is var n && n > 0 && n <= head.Length &&
                (string?)p["headHash"] == Convert.ToHexString(SHA256.HashData(head.AsSpan(0, n))[..16]));
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return false;
        }
    }

    private void Rotate()
    {
        var kind = rng.Next(3) switch { 0 => "rename", 1 => "copytruncate", _ => "new_day" };
        _kinds[kind] = _kinds.GetValueOrDefault(kind) + 1;
        _journal.Add(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} rotate {kind}"));
        switch (kind)
        {
            case "rename":
                Shift();
                File.Move(_log, _log + ".1");
                File.WriteAllText(_log, string.Empty);
                break;
            case "copytruncate":
                Shift();
                File.Copy(_log, _log + ".1");
                using (var f = new FileStream(_log, FileMode.Open, FileAccess.Write))
                {
                    f.SetLength(0);
                }

                break;
            default:
                _day = _day.AddDays(1);
                _log = Path.Combine(dir, $"openclaw-{_day:yyyy-MM-dd}.log");
                File.WriteAllText(_log, string.Empty);
                break;
        }
    }

    /// <summary>logrotate's numbering: .1 becomes .2 and so on, so the newest rotated file is always .1.</summary>
    private void Shift()
    {
        for (var n = 8; n >= 1; n--)
        {
            var from = _log + "." + n.ToString(CultureInfo.InvariantCulture);
            if (File.Exists(from))
            {
                File.Move(from, _log + "." + (n + 1).ToString(CultureInfo.InvariantCulture), overwrite: true);
            }
        }
    }
}
