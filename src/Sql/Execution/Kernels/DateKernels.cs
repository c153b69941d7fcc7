using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>Fields of dates (days since the epoch): year, month, day of month.</summary>
internal static class DateKernels
{
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
                _ => date.Day,
            };
        }
        return KernelArrays.Fixed(IntegerType.Instance, values, validity, source.Length);
    }
}

/// <summary>The date fields <see cref="DateKernels.Part"/> extracts.</summary>
internal enum DatePart
{
    Year,
    Month,
    DayOfMonth,
}
