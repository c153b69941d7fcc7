using System.Numerics;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// The exact median of a bucket of doubles by selection (nth_element) instead of a full sort: expected linear time.
/// Values order as Spark orders them: NaN above every number, so NaNs are moved to the end first and the
/// selection runs over the numbers only.
/// </summary>
internal static class MedianSelection
{
    /// <summary>
    /// The median of a non-empty span (reordered in place): the middle value, or the mean of the two middle values
    /// for an even count.
    /// </summary>
    public static double Median(Span<double> values)
    {
        int n = values.Length;
        int numbers = MoveNaNsToEnd(values);
        int upper = n / 2;
        double high = upper < numbers ? Select(values[..numbers], upper) : double.NaN;
        if (n % 2 == 1)
        {
            return high;
        }
        // After selecting index `upper`, everything before it is no greater, so the lower middle is their maximum.
        double low = upper - 1 < numbers ? Max(values[..Math.Min(upper, numbers)]) : double.NaN;
        return (low + high) / 2;
    }

    /// <summary>
    /// Spark's exact <c>percentile(x, p)</c> of a non-empty span (reordered in place): the value at position
    /// p·(n - 1) of the sorted values, interpolated linearly between its neighbours.
    /// </summary>
    public static double Percentile(Span<double> values, double fraction)
    {
        int numbers = MoveNaNsToEnd(values);
        double position = fraction * (values.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = (int)Math.Ceiling(position);
        double high = upper < numbers ? Select(values[..numbers], upper) : double.NaN;
        if (lower == upper)
        {
            return high;
        }
        // Selecting `upper` leaves the values before it no greater, so the lower neighbour is their maximum.
        double low = lower < numbers ? Max(values[..Math.Min(upper, numbers)]) : double.NaN;
        return low + (high - low) * (position - lower);
    }

    /// <summary>
    /// <c>percentile_approx(x, p)</c> computed exactly: the smallest input value with at least p·n values at or below
    /// it (the element of rank ceil(p·n)), which is what Spark's Greenwald-Khanna sketch answers whenever its error
    /// bound does not come into play (and within it otherwise).
    /// </summary>
    public static double Discrete(Span<double> values, double fraction)
    {
        int numbers = MoveNaNsToEnd(values);
        int rank = Math.Max(0, (int)Math.Ceiling(fraction * values.Length) - 1);
        return rank < numbers ? Select(values[..numbers], rank) : double.NaN;
    }

    /// <summary>Moves the NaNs behind the numbers; returns how many numbers there are.</summary>
    private static int MoveNaNsToEnd(Span<double> values)
    {
        int end = values.Length;
        int i = 0;
        while (i < end)
        {
            if (double.IsNaN(values[i]))
            {
                end--;
                (values[i], values[end]) = (values[end], values[i]);
            }
            else
            {
                i++;
            }
        }
        return end;
    }

    /// <summary>
    /// Reorders <paramref name="values"/> (no NaNs) so that index <paramref name="k"/> holds the value a sort would put
    /// there, everything before it is no greater and everything after no smaller; returns that value. Each step splits
    /// the range around a median-of-three pivot into less / equal / greater with branch-free Lomuto passes (a swap
    /// every element, the boundary advancing by the comparison), which on random data beats a branching partition
    /// that mispredicts half its comparisons; the equal part makes runs of ties finish at once.
    /// </summary>
    private static double Select(Span<double> values, int k)
    {
        int left = 0, right = values.Length;
        // Median-of-three pivots can be defeated by crafted inputs; past a few times the expected number of rounds,
        // sort what remains (n log n) rather than risk quadratic time.
        int rounds = 4 * (BitOperations.Log2((uint)values.Length) + 1);
        while (right - left > 16)
        {
            if (--rounds < 0)
            {
                values[left..right].Sort();
                return values[k];
            }
            var range = values[left..right];
            double pivot = MedianOfThree(range[0], range[range.Length / 2], range[^1]);
            int less = left + Partition(range, pivot, orEqual: false);
            if (k < less)
            {
                right = less;
                continue;
            }
            int notGreater = less + Partition(values[less..right], pivot, orEqual: true);
            if (k < notGreater)
            {
                return pivot;
            }
            left = notGreater;
        }
        InsertionSort(values[left..right]);
        return values[k];
    }

    /// <summary>Moves the values below (or not above) <paramref name="pivot"/> to the front; returns how many there are.</summary>
    private static int Partition(Span<double> values, double pivot, bool orEqual)
    {
        int boundary = 0;
        if (orEqual)
        {
            for (int j = 0; j < values.Length; j++)
            {
                double value = values[j];
                values[j] = values[boundary];
                values[boundary] = value;
                boundary += value <= pivot ? 1 : 0;
            }
        }
        else
        {
            for (int j = 0; j < values.Length; j++)
            {
                double value = values[j];
                values[j] = values[boundary];
                values[boundary] = value;
                boundary += value < pivot ? 1 : 0;
            }
        }
        return boundary;
    }

    private static double MedianOfThree(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    private static void InsertionSort(Span<double> values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            double value = values[i];
            int j = i - 1;
            while (j >= 0 && values[j] > value)
            {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = value;
        }
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        double max = values[0];
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > max) max = values[i];
        }
        return max;
    }
}
