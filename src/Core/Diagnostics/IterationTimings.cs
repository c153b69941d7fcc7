using System.Diagnostics;

namespace Rdd.Core;

/// <summary>
/// Seconds per iteration of iterative jobs, by series (e.g. one per <see cref="ExecutionMode"/>): what the Spark paper's
/// InMemory-vs-MapReduce comparison plots. <see cref="Time{T}"/> runs one iteration and records its wall-clock time.
/// In a notebook the Rdd.Core extension draws it as a table and a per-iteration chart.
/// </summary>
public sealed class IterationTimings(string title)
{
    private readonly Dictionary<string, List<double>> _series = [];
    private readonly List<string> _order = [];

    /// <summary>What was measured, shown above the chart.</summary>
    public string Title { get; } = title ?? throw new ArgumentNullException(nameof(title));

    /// <summary>The series in the order they were first recorded, each with its seconds per iteration.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<double> Seconds)> Series =>
        _order.Select(name => (name, (IReadOnlyList<double>)_series[name].AsReadOnly())).ToList();

    /// <summary>Runs <paramref name="iteration"/>, records its seconds as the next iteration of <paramref name="series"/>, and returns its result.</summary>
    public T Time<T>(string series, Func<T> iteration)
    {
        ArgumentNullException.ThrowIfNull(iteration);
        var watch = Stopwatch.StartNew();
        var result = iteration();
        Add(series, watch.Elapsed.TotalSeconds);
        return result;
    }

    /// <summary>Records <paramref name="seconds"/> as the next iteration of <paramref name="series"/>.</summary>
    public void Add(string series, double seconds)
    {
        ArgumentException.ThrowIfNullOrEmpty(series);
        if (!double.IsFinite(seconds) || seconds < 0) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "seconds must be finite and not negative");
        if (!_series.TryGetValue(series, out var list))
        {
            _series[series] = list = [];
            _order.Add(series);
        }
        list.Add(seconds);
    }
}
