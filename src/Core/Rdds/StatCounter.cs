using System.Globalization;

namespace Rdd.Core;

/// <summary>
/// Count, mean, variance, min and max of numbers, computed in one pass and mergeable across partitions
/// (Spark's StatCounter, Welford's update and Chan's parallel merge).
/// </summary>
public sealed class StatCounter
{
    private double _m2;

    /// <summary>The number of values.</summary>
    public long Count { get; private set; }

    /// <summary>The mean; NaN when empty.</summary>
    public double Mean { get; private set; }

    /// <summary>The sum.</summary>
    public double Sum => Mean * Count;

    /// <summary>The smallest value; +∞ when empty.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>The largest value; -∞ when empty.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>The population variance; NaN when empty.</summary>
    public double Variance => Count == 0 ? double.NaN : _m2 / Count;

    /// <summary>The sample variance (n-1); NaN with fewer than two values.</summary>
    public double SampleVariance => Count <= 1 ? double.NaN : _m2 / (Count - 1);

    /// <summary>The population standard deviation.</summary>
    public double Stdev => Math.Sqrt(Variance);

    /// <summary>The sample standard deviation.</summary>
    public double SampleStdev => Math.Sqrt(SampleVariance);

    internal void Add(double value)
    {
        Count++;
        double delta = value - Mean;
        Mean += delta / Count;
        _m2 += delta * (value - Mean);
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    internal StatCounter Merge(StatCounter other)
    {
        if (other.Count == 0) return this;
        if (Count == 0)
        {
            (Count, Mean, _m2, Min, Max) = (other.Count, other.Mean, other._m2, other.Min, other.Max);
            return this;
        }
        double delta = other.Mean - Mean;
        long n = Count + other.Count;
        Mean = other.Count * 10 < Count ? Mean + delta * other.Count / n
            : Count * 10 < other.Count ? other.Mean - delta * Count / n
            : (Mean * Count + other.Mean * other.Count) / n;
        _m2 += other._m2 + delta * delta * Count * other.Count / n;
        Count = n;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"(count: {Count}, mean: {(Count == 0 ? double.NaN : Mean)}, stdev: {Stdev}, max: {Max}, min: {Min})");
}
