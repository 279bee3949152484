using System.Diagnostics.Metrics;

namespace CredWatch.Alerts.Tests;

public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> meters = [];

    public Meter Create(MeterOptions options)
    {
        var m = new Meter(options.Name, options.Version, options.Tags, this);
        meters.Add(m);
        return m;
    }

    public void Dispose()
    {
        foreach (var m in meters)
        {
            m.Dispose();
        }
    }
}
