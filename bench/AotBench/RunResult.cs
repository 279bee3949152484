using System.Globalization;

namespace AotBench;

internal sealed record RunResult(string Name, double StartupMs, double SteadyRssMb, double PeakRssMb, int Stores)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: start-up to /readyz 200 {StartupMs,7:F0} ms | steady RSS (median) {SteadyRssMb,6:F1} MB | peak {PeakRssMb,6:F1} MB | credwatch_store_up series {Stores}");
}
