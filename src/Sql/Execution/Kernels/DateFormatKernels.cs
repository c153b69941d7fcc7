using System.Globalization;
using System.Text;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// Strings parsed to dates and timestamps with a pattern, and timestamps formatted with one. Each value is decoded
/// into (or encoded from) a stack buffer of chars, so no string is allocated per row.
/// </summary>
internal static class DateFormatKernels
{
    private const int MaxChars = 256;

    /// <summary>
    /// <c>to_date(s, fmt)</c> / <c>to_timestamp(s, fmt)</c>: <paramref name="format"/> is a .NET format from
    /// <see cref="DatePattern"/>; a string it does not parse gives NULL (Spark without ANSI mode).
    /// </summary>
    public static ArrowArray Parse(StringArray input, string format, bool toTimestamp)
    {
        int length = input.Length;
        var values = toTimestamp ? KernelArrays.AllocateValues<long>(length) : KernelArrays.AllocateValues<int>(length);
        var validity = Bitmaps.Validity(input) ?? Bitmaps.AllSet(length);
        Span<char> chars = stackalloc char[MaxChars];
        for (int i = 0; i < length; i++)
        {
            if (!Bits.GetBit(validity, i))
            {
                continue;
            }
            var bytes = input.GetBytes(i);
            if (bytes.Length > MaxChars
                || !Encoding.UTF8.TryGetChars(bytes, chars, out int written)
                || !DateTime.TryParseExact(chars[..written], format, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                Bits.ClearBit(validity, i);
                continue;
            }
            if (toTimestamp)
            {
                KernelArrays.AsSpan<long>(values)[i] = ArrowTemporal.FromDateTime(parsed, ArrowTypeMapping.TimestampUtc);
            }
            else
            {
                KernelArrays.AsSpan<int>(values)[i] = ArrowTemporal.ToDays(DateOnly.FromDateTime(parsed));
            }
        }
        return KernelArrays.Fixed(toTimestamp ? TimestampType.Instance : DateType.Instance, values, validity, length);
    }

    /// <summary><c>date_format(ts, fmt)</c>: timestamps (microseconds, UTC wall clock) as text.</summary>
    public static StringArray Format(PrimitiveArray<long> timestamps, string format)
    {
        var source = timestamps.Values;
        using var builder = new StringArrayBuilder(source.Length);
        Span<char> chars = stackalloc char[MaxChars];
        for (int i = 0; i < source.Length; i++)
        {
            if (timestamps.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            var time = new DateTime(DateTime.UnixEpoch.Ticks + source[i] * TimeSpan.TicksPerMicrosecond, DateTimeKind.Unspecified);
            if (!time.TryFormat(chars, out int written, format, CultureInfo.InvariantCulture))
            {
                throw new FormatException($"date_format: the pattern gives more than {MaxChars} characters.");
            }
            builder.Append(chars[..written]);
        }
        return builder.Build();
    }
}
