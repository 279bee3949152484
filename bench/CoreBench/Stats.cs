using System.Globalization;

namespace CoreBench;

/// <summary>Median and range of repeated samples (the box is shared: single runs mean little).</summary>
internal readonly record struct Stats(double P50, double Min, double Max, int Count)
{
    public static Stats Of(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? new Stats(double.NaN, double.NaN, double.NaN, 0) : new Stats(v[v.Length / 2], v[0], v[^1], v.Length);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{P50:F1} [{Min:F1}–{Max:F1}]");
}
