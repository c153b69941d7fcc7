using Rdd.Core;

namespace Rdd.MlLib.Evaluation;

/// <summary>
/// Area under a curve by the trapezoidal rule, Spark's <c>AreaUnderCurve</c>: each partition sums the trapezoids
/// between its own consecutive points and reports its first and last point; the driver adds those sums and the
/// trapezoids that join consecutive non-empty partitions. The driver's work is proportional to the number of
/// partitions, not of points.
/// </summary>
internal static class AreaUnderCurve
{
    /// <summary>The area under <paramref name="curve"/>, whose points are ordered across and within partitions.</summary>
    public static double Of(Rdd<(double X, double Y)> curve)
    {
        var local = curve.MapPartitions(static points => LocalArea(points)).Collect();
        double area = 0;
        foreach (var part in local) area += part.Area;
        // Summed separately, as Spark does, so the rounding matches its order of additions.
        double joins = 0;
        for (int i = 1; i < local.Length; i++) joins += Trapezoid(local[i - 1].Last, local[i].First);
        return area + joins;
    }

    /// <summary>The area of the trapezoid under the segment from <paramref name="a"/> to <paramref name="b"/>.</summary>
    public static double Trapezoid((double X, double Y) a, (double X, double Y) b) => (b.X - a.X) * (b.Y + a.Y) / 2.0;

    private static IEnumerable<(double Area, (double X, double Y) First, (double X, double Y) Last)> LocalArea(IEnumerable<(double X, double Y)> points)
    {
        using var e = points.GetEnumerator();
        if (!e.MoveNext()) yield break;
        var first = e.Current;
        var previous = first;
        double area = 0;
        while (e.MoveNext())
        {
            area += Trapezoid(previous, e.Current);
            previous = e.Current;
        }
        yield return (area, first, previous);
    }
}
