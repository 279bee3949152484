using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Health;

/// <summary>
/// Serves the latest <see cref="HealthReport"/> to metrics, status, check and alerts. Health depends on time
/// (a cooldown ends without any file changing), so the report is re-evaluated from the registry's current state
/// when the registry publishes a new generation or the report's own <see cref="HealthReport.ValidUntil"/> passes.
/// Re-evaluating on every scrape instead cost a quarter of a 1,000-agent scrape for an answer that had not changed.
/// Logs config smells and agents losing/regaining usable auth once per transition (never per scrape).
/// </summary>
internal sealed class ProfileHealthMonitor
{
    private readonly StoreRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ILogger<ProfileHealthMonitor> _logger;
    private readonly IReadOnlyCollection<string> _ignore;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _loggedSmells = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deadAgents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loggedLastGood = new(StringComparer.Ordinal);
    private HealthReport _report = HealthReport.Empty;

    public ProfileHealthMonitor(StoreRegistry registry, TimeProvider time, IOptions<HealthOptions> options, ILogger<ProfileHealthMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _time = time;
        _logger = logger;
        _ignore = [.. options.Value.IgnoreAgents];
        registry.Changed += (_, _) => Refresh();
    }

    /// <summary>The report for the registry's current state, as it evaluates at the current time.</summary>
    public HealthReport Current
    {
        get
        {
            var report = Volatile.Read(ref _report);
            var now = _time.GetUtcNow();

            // A clock stepped back makes every window comparison suspect: evaluate again.
            return report.Generation == _registry.Current.Generation && now >= report.EvaluatedAt && now < report.ValidUntil ? report : Refresh();
        }
    }

    /// <summary>Evaluates now against the given state (check uses the state of its own scan).</summary>
    public HealthReport Evaluate(RegistryState state) => ProfileHealthEvaluator.Evaluate(state, _time.GetUtcNow(), _ignore);

    private HealthReport Refresh()
    {
        lock (_gate)
        {
            try
            {
                var report = Evaluate(_registry.Current);
                Volatile.Write(ref _report, report);
                LogTransitions(report);
                return report;
            }
            catch (Exception ex)
            {
                // Runs inside the registry's Changed event and metric callbacks: it must never throw there.
                Log.EvaluationFailed(_logger, ex);
                return Volatile.Read(ref _report);
            }
        }
    }

    private void LogTransitions(HealthReport report)
    {
        foreach (var s in report.Smells)
        {
            if (_loggedSmells.Add($"{s.Store}|{s.DisplayId}|{s.Smell}"))
            {
                Log.ConfigSmell(_logger, s.Smell, s.Store.ToString(), s.DisplayId, s.Provider, s.Detail);
            }
        }

        foreach (var a in report.Agents.Where(a => a.Known))
        {
            if (a.NoUsableAuth && !a.Ignored)
            {
                if (_deadAgents.Add(a.Agent))
                {
                    Log.NoUsableAuth(_logger, a.Agent, HealthText.NoUsableAuth(a, report.EvaluatedAt));
                }
            }
            else if (_deadAgents.Remove(a.Agent))
            {
                Log.UsableAgain(_logger, a.Agent, a.UsableProviders);
            }

            foreach (var p in a.Providers)
            {
                var key = $"{a.Agent}|{p.Provider}";
                if (p.LastGoodProblem is { } problem)
                {
                    if (_loggedLastGood.Add(key))
                    {
                        Log.LastGoodProblem(_logger, a.Agent, p.Provider, problem);
                    }
                }
                else
                {
                    _loggedLastGood.Remove(key);
                }
            }
        }
    }
}
