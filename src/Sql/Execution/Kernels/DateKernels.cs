using System.Globalization;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// Calendar arithmetic over dates (days since the epoch) and timestamps (microseconds since the epoch, read as UTC
/// wall-clock time, the session zone of this engine). Each kernel reads the input's value span and writes a new
/// buffer; NULL in gives NULL out.
/// </summary>
internal static class DateKernels
{
    internal const long MicrosPerSecond = 1_000_000L;
    internal const long MicrosPerDay = 86_400L * MicrosPerSecond;

    public static ArrowArray Part(PrimitiveArray<int> dates, DatePart part)
    {
        var source = dates.Values;
        var values = KernelArrays.AllocateValues<int>(source.Length);
        var destination = KernelArrays.AsSpan<int>(values);
        var validity = Bitmaps.Validity(dates);
        for (int i = 0; i < source.Length; i++)
        {
            if (validity is not null && !Bits.GetBit(validity, i))
            {
                continue;
            }
            var date = ArrowTemporal.ToDate(source[i]);
            destination[i] = part switch
            {
                DatePart.Year => date.Year,
                DatePart.Month => date.Month,
                DatePart.Quarter => (date.Month + 2) / 3,
                // Spark: 1 = Sunday ... 7 = Saturday.
                DatePart.DayOfWeek => (int)date.DayOfWeek + 1,
                DatePart.DayOfWeekIso => date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek,
                DatePart.DayOfYear => date.DayOfYear,
                DatePart.WeekOfYear => ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)),
                _ => date.Day,
            };
        }
        return KernelArrays.Fixed(IntegerType.Instance, values, validity, source.Length);
    }

    /// <summary>hour, minute, second (int) of timestamps, or the microseconds within the minute.</summary>
    public static ArrowArray TimePart(PrimitiveArray<long> timestamps, TimePart part)
    {
        var source = timestamps.Values;
        var values = KernelArrays.AllocateValues<int>(source.Length);
        var destination = KernelArrays.AsSpan<int>(values);
        for (int i = 0; i < source.Length; i++)
        {
            long ofDay = FloorMod(source[i], MicrosPerDay);
            destination[i] = part switch
            {
                Kernels.TimePart.Hour => (int)(ofDay / (3600 * MicrosPerSecond)),
                Kernels.TimePart.Minute => (int)(ofDay / (60 * MicrosPerSecond) % 60),
                _ => (int)(ofDay / MicrosPerSecond % 60),
            };
        }
        return KernelArrays.Fixed(IntegerType.Instance, values, Bitmaps.Validity(timestamps), source.Length);
    }

    /// <summary>
    /// <c>extract(SECOND FROM ts)</c>: seconds with their fraction as Spark's decimal(8, 6), whose unscaled value is
    /// exactly the microseconds within the minute.
    /// </summary>
    public static ArrowArray SecondsWithFraction(PrimitiveArray<long> timestamps)
    {
        var source = timestamps.Values;
        var values = KernelArrays.AllocateValues<Int128>(source.Length);
        var destination = KernelArrays.AsSpan<Int128>(values);
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = FloorMod(source[i], 60 * MicrosPerSecond);
        }
        return KernelArrays.Fixed(new DecimalType(8, 6), values, Bitmaps.Validity(timestamps), source.Length);
    }

    /// <summary><c>date_add(d, n)</c>: days are the date's own integer, so this is integer addition typed as a date.</summary>
    public static ArrowArray AddDays(PrimitiveArray<int> dates, PrimitiveArray<int> days) =>
        ArithmeticKernels.Compute(ArithmeticOperator.Add, ArrowTypes.Date32Type.Default, Operand.Of(dates), Operand.Of(days), dates.Length);

    /// <summary><c>datediff(end, start)</c>: whole days from start to end, the difference of the day numbers.</summary>
    public static ArrowArray DiffDays(PrimitiveArray<int> end, PrimitiveArray<int> start) =>
        ArithmeticKernels.Compute(ArithmeticOperator.Subtract, ArrowTypes.Int32Type.Default, Operand.Of(end), Operand.Of(start), end.Length);

    /// <summary>
    /// <c>add_months(d, n)</c>: the same day n months later, clamped to the month's last day (Spark 3's rule, also
    /// <see cref="DateOnly.AddMonths"/>'s). A result outside years 1-9999 is NULL.
    /// </summary>
    public static ArrowArray AddMonths(PrimitiveArray<int> dates, PrimitiveArray<int> months)
    {
        var d = dates.Values;
        var n = months.Values;
        var values = KernelArrays.AllocateValues<int>(d.Length);
        var destination = KernelArrays.AsSpan<int>(values);
        var validity = Bitmaps.CombineValidity(dates, months);
        for (int i = 0; i < d.Length; i++)
        {
            if (validity is not null && !Bits.GetBit(validity, i))
            {
                continue;
            }
            if (TryAddMonths(d[i], n[i], out int result))
            {
                destination[i] = result;
            }
            else
            {
                validity ??= Bitmaps.AllSet(d.Length);
                Bits.ClearBit(validity, i);
            }
        }
        return KernelArrays.Fixed(DateType.Instance, values, validity, d.Length);
    }

    private static bool TryAddMonths(int days, int months, out int result)
    {
        var date = ArrowTemporal.ToDate(days);
        long target = (long)date.Year * 12 + date.Month - 1 + months;
        if (target is < 12 or >= 10000 * 12)
        {
            result = 0;
            return false;
        }
        result = ArrowTemporal.ToDays(date.AddMonths(months));
        return true;
    }

    /// <summary>
    /// A date or timestamp shifted by a constant interval (<c>x + INTERVAL …</c>): months first (clamped to the
    /// month's end), then days, then microseconds - Spark's order for a calendar interval.
    /// </summary>
    public static ArrowArray Shift(ArrowArray input, int months, int days, long micros)
    {
        if (input is PrimitiveArray<int> dates)
        {
            var d = dates.Values;
            var values = KernelArrays.AllocateValues<int>(d.Length);
            var destination = KernelArrays.AsSpan<int>(values);
            var validity = Bitmaps.Validity(dates);
            for (int i = 0; i < d.Length; i++)
            {
                if (validity is not null && !Bits.GetBit(validity, i))
                {
                    continue;
                }
                if (months == 0 || TryAddMonths(d[i], months, out destination[i]))
                {
                    destination[i] = unchecked((months == 0 ? d[i] : destination[i]) + days);
                }
                else
                {
                    validity ??= Bitmaps.AllSet(d.Length);
                    Bits.ClearBit(validity, i);
                }
            }
            return KernelArrays.Fixed(DateType.Instance, values, validity, d.Length);
        }
        var timestamps = (PrimitiveArray<long>)input;
        var t = timestamps.Values;
        var output = KernelArrays.AllocateValues<long>(t.Length);
        var target = KernelArrays.AsSpan<long>(output);
        var valid = Bitmaps.Validity(timestamps);
        for (int i = 0; i < t.Length; i++)
        {
            if (valid is not null && !Bits.GetBit(valid, i))
            {
                continue;
            }
            long day = FloorDiv(t[i], MicrosPerDay);
            long ofDay = t[i] - day * MicrosPerDay;
            int shifted = (int)day;
            if (months != 0 && !TryAddMonths((int)day, months, out shifted))
            {
                valid ??= Bitmaps.AllSet(t.Length);
                Bits.ClearBit(valid, i);
                continue;
            }
            target[i] = unchecked((shifted + (long)days) * MicrosPerDay + ofDay + micros);
        }
        return KernelArrays.Fixed(input.Data.DataType, output, valid, t.Length);
    }

    /// <summary><c>last_day(d)</c>: the last day of the date's month.</summary>
    public static ArrowArray LastDay(PrimitiveArray<int> dates)
    {
        var d = dates.Values;
        var values = KernelArrays.AllocateValues<int>(d.Length);
        var destination = KernelArrays.AsSpan<int>(values);
        var validity = Bitmaps.Validity(dates);
        for (int i = 0; i < d.Length; i++)
        {
            if (validity is null || Bits.GetBit(validity, i))
            {
                var date = ArrowTemporal.ToDate(d[i]);
                destination[i] = d[i] + DateTime.DaysInMonth(date.Year, date.Month) - date.Day;
            }
        }
        return KernelArrays.Fixed(DateType.Instance, values, validity, d.Length);
    }

    /// <summary><c>trunc(d, unit)</c> for the date units (year, quarter, month, week starting Monday).</summary>
    public static ArrowArray TruncDate(PrimitiveArray<int> dates, TruncUnit unit)
    {
        var d = dates.Values;
        var values = KernelArrays.AllocateValues<int>(d.Length);
        var destination = KernelArrays.AsSpan<int>(values);
        var validity = Bitmaps.Validity(dates);
        for (int i = 0; i < d.Length; i++)
        {
            if (validity is null || Bits.GetBit(validity, i))
            {
                destination[i] = TruncDays(d[i], unit);
            }
        }
        return KernelArrays.Fixed(DateType.Instance, values, validity, d.Length);
    }

    /// <summary><c>date_trunc(unit, ts)</c>: timestamps truncated to any unit from year down to microsecond.</summary>
    public static ArrowArray TruncTimestamp(PrimitiveArray<long> timestamps, TruncUnit unit)
    {
        var t = timestamps.Values;
        var values = KernelArrays.AllocateValues<long>(t.Length);
        var destination = KernelArrays.AsSpan<long>(values);
        long step = unit switch
        {
            TruncUnit.Hour => 3600 * MicrosPerSecond,
            TruncUnit.Minute => 60 * MicrosPerSecond,
            TruncUnit.Second => MicrosPerSecond,
            TruncUnit.Millisecond => 1000,
            TruncUnit.Microsecond => 1,
            _ => MicrosPerDay,
        };
        var validity = Bitmaps.Validity(timestamps);
        for (int i = 0; i < t.Length; i++)
        {
            if (validity is not null && !Bits.GetBit(validity, i))
            {
                continue;
            }
            destination[i] = unit <= TruncUnit.Week
                ? TruncDays((int)FloorDiv(t[i], MicrosPerDay), unit) * MicrosPerDay
                : FloorDiv(t[i], step) * step;
        }
        return KernelArrays.Fixed(timestamps.Data.DataType, values, validity, t.Length);
    }

    private static int TruncDays(int days, TruncUnit unit)
    {
        var date = ArrowTemporal.ToDate(days);
        return unit switch
        {
            TruncUnit.Year => ArrowTemporal.ToDays(new DateOnly(date.Year, 1, 1)),
            TruncUnit.Quarter => ArrowTemporal.ToDays(new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1)),
            TruncUnit.Month => days - date.Day + 1,
            TruncUnit.Week => days - ((int)date.DayOfWeek + 6) % 7,
            _ => days,
        };
    }

    private static long FloorDiv(long value, long divisor) => Math.DivRem(value, divisor, out long r) - (r < 0 ? 1 : 0);

    private static long FloorMod(long value, long divisor)
    {
        long r = value % divisor;
        return r < 0 ? r + divisor : r;
    }
}

/// <summary>The date fields <see cref="DateKernels.Part"/> extracts.</summary>
internal enum DatePart
{
    Year,
    Month,
    DayOfMonth,
    Quarter,
    DayOfWeek,
    DayOfWeekIso,
    DayOfYear,
    WeekOfYear,
}

/// <summary>The time-of-day fields <see cref="DateKernels.TimePart"/> extracts.</summary>
internal enum TimePart
{
    Hour,
    Minute,
    Second,
}

/// <summary>The units of <c>trunc</c> and <c>date_trunc</c>, coarsest first (the first four are date units).</summary>
internal enum TruncUnit
{
    Year,
    Quarter,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
    Millisecond,
    Microsecond,
}
