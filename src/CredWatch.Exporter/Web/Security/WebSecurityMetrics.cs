using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using CredWatch.Exporter.Metrics;

namespace CredWatch.Exporter.Web.Security;

/// <summary>Instruments of the web security component; gauges read the latest state so nothing is lost before start.</summary>
internal sealed class WebSecurityMetrics
{
    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _reloads;
    private readonly IOptions<WebSecurityOptions> _options;
    private ActiveWebConfig _active = ActiveWebConfig.None;

    public WebSecurityMetrics(IMeterFactory meterFactory, IOptions<WebSecurityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        // Options are read on first observation, not here: Kestrel resolves this graph while the app is
        // being built, before options validation runs at start.
        this._options = options;
        var meter = meterFactory.Create(MetricNames.Meter);
        _authFailures = meter.CreateCounter<long>(
            MetricNames.HttpAuthFailures, "{failure}", "HTTP requests or TLS handshakes refused for missing or wrong credentials");
        _reloads = meter.CreateCounter<long>(
            MetricNames.WebConfigReloads, "{reload}", "Web config (re)load attempts by result");
        meter.CreateObservableGauge(
            MetricNames.WebInsecureExposed,
            () => InsecurelyExposed ? 1 : 0,
            description: "1 when listening on a non-loopback address without TLS or basic auth");
        meter.CreateObservableGauge(
            MetricNames.WebTlsCertExpiry,
            ObserveCertExpiry,
            unit: "s",
            description: "NotAfter of the served TLS certificate, Unix seconds");
    }

    public bool InsecurelyExposed
    {
        get
        {
            var current = Volatile.Read(ref _active);
            return current.Tls is null && !current.Config.HasAuth
                && ListenEndpoint.TryParse(_options.Value.ListenAddress, out var endpoint) && !endpoint!.IsLoopback;
        }
    }

    public void SetActive(ActiveWebConfig config) => Volatile.Write(ref _active, config);

    public void AuthFailure(string reason) => _authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Reload(bool success) => _reloads.Add(1, new KeyValuePair<string, object?>("result", success ? "success" : "failure"));

    private IEnumerable<Measurement<long>> ObserveCertExpiry()
    {
        var tls = Volatile.Read(ref _active).Tls;
        if (tls is not null)
        {
            yield return new Measurement<long>(new DateTimeOffset(tls.ServerCertificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());
        }
    }
}
