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
    /// there, everything before it is no greater and everything after no smaller; returns that value (Hoare
    /// partitioning around a median-of-three pivot).
    /// </summary>
    private static double Select(Span<double> values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (right > left)
        {
            if (right - left < 16)
            {
                InsertionSort(values[left..(right + 1)]);
                return values[k];
            }
            int middle = left + (right - left) / 2;
            // Median of three: order left, middle, right, so the pivot is their median and both ends act as sentinels.
            if (values[middle] < values[left]) (values[middle], values[left]) = (values[left], values[middle]);
            if (values[right] < values[left]) (values[right], values[left]) = (values[left], values[right]);
            if (values[right] < values[middle]) (values[right], values[middle]) = (values[middle], values[right]);
            double pivot = values[middle];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (pivot < values[j]) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            // Now [left, j] <= pivot <= [i, right], and anything strictly between j and i equals the pivot.
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return values[k];
        }
        return values[k];
    }

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
