using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace CredWatch.State;

/// <summary>
/// Counts and logs what went wrong with a state file: <c>credwatch_state_file_errors_total{file,reason}</c> and one
/// log line when a file starts failing (not one per retry), another when it is saved again.
/// </summary>
public sealed class StateFileReporter
{
    /// <summary>Meter of the state files (exported with every <c>CredWatch.*</c> meter).</summary>
    public const string MeterName = "CredWatch.State";

    /// <summary>Series the meter's instrument may have: a few files × a few reasons.</summary>
    public const int CardinalityLimit = 500;

    /// <summary>Scrapes as <c>credwatch_state_file_errors_total</c>.</summary>
    public const string ErrorsInstrument = "credwatch.state_file.errors";

    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string File, string Reason), long> _counts = new();
    private readonly ConcurrentDictionary<string, string> _failing = new(StringComparer.Ordinal);

    public StateFileReporter(IMeterFactory meterFactory, ILogger<StateFileReporter> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        // Observable: the fingerprint key and the files read at start fail before the exporter listens, and a plain
        // counter's measurements from then would be lost.
        meter.CreateObservableCounter(ErrorsInstrument, Observe, "{error}", "State files CredWatch could not read or write, by file and reason");
        _logger = logger;
    }

    /// <summary>A file found unusable at start and moved aside (or left, when it could not be moved).</summary>
    public void Corrupt(string file, string reason, string path, string? asidePath)
    {
        Count(file, reason);
        StateLog.SetAside(_logger, path, reason, asidePath ?? "(could not be moved; left in place)");
    }

    /// <summary>A file that could not be read: kept, and never written over.</summary>
    public void Unreadable(string file, string reason, string path)
    {
        Count(file, reason);
        StateLog.Unreadable(_logger, path, reason);
    }

    /// <summary>A save failed; the state stays in memory and is saved again at the next change.</summary>
    public void WriteFailed(string file, string path, Exception ex)
    {
        var reason = StateFileReasons.Of(ex);
        Count(file, reason);
        if (_failing.TryAdd(path, reason))
        {
            StateLog.WriteFailed(_logger, path, reason, ex.Message);
        }
    }

    /// <summary>A save succeeded: logs the recovery if the file was failing.</summary>
    public void Written(string path)
    {
        if (!_failing.IsEmpty && _failing.TryRemove(path, out _))
        {
            StateLog.WrittenAgain(_logger, path);
        }
    }

    private void Count(string file, string reason) => _counts.AddOrUpdate((file, reason), 1, (_, n) => n + 1);

    private IEnumerable<Measurement<long>> Observe() =>
        _counts.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("file", kv.Key.File), new KeyValuePair<string, object?>("reason", kv.Key.Reason)));
}
