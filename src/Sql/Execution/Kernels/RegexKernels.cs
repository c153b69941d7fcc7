using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// Regular-expression matching over UTF-8 arrays: each value is decoded into one pooled character buffer and
/// matched as a span (no string per value).
/// </summary>
internal static class RegexKernels
{
    /// <summary>Whether <paramref name="regex"/> matches anywhere in each value (Java's <c>find</c>, as Spark's RLIKE); NULL stays NULL.</summary>
    public static BooleanArray IsMatch(StringArray input, Regex regex)
    {
        var bits = Bitmaps.AllClear(input.Length);
        char[] buffer = ArrayPool<char>.Shared.Rent(256);
        try
        {
            for (int i = 0; i < input.Length; i++)
            {
                if (input.IsNull(i))
                {
                    continue;
                }
                var bytes = input.GetBytes(i);
                int needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
                if (buffer.Length < needed)
                {
                    ArrayPool<char>.Shared.Return(buffer);
                    buffer = ArrayPool<char>.Shared.Rent(needed);
                }
                int length = Encoding.UTF8.GetChars(bytes, buffer);
                if (regex.IsMatch(buffer.AsSpan(0, length)))
                {
                    Bits.SetBit(bits, i);
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
        return KernelArrays.Boolean(bits, Bitmaps.Validity(input), input.Length);
    }
}
