using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// Builds an array whose row i comes from <c>sources[choice[i]]</c> (or is null when the choice is -1): the
/// row-merging step of CASE WHEN and COALESCE. All sources have the result's type and the batch's length.
/// </summary>
internal static class ChooseKernel
{
    public static ArrowArray Choose(DataType type, IReadOnlyList<ArrowArray> sources, ReadOnlySpan<int> choice)
    {
        int length = choice.Length;
        var validity = Bitmaps.AllSet(length);
        for (int i = 0; i < length; i++)
        {
            int k = choice[i];
            if (k < 0 || !sources[k].IsValid(i))
            {
                Bits.ClearBit(validity, i);
            }
        }
        switch (type)
        {
            case BooleanType:
            {
                var bits = Bitmaps.AllClear(length);
                for (int i = 0; i < length; i++)
                {
                    if (choice[i] >= 0 && ((BooleanArray)sources[choice[i]]).GetBit(i))
                    {
                        Bits.SetBit(bits, i);
                    }
                }
                return KernelArrays.Boolean(bits, validity, length);
            }
            case StringType:
            {
                using var builder = new StringArrayBuilder(length);
                for (int i = 0; i < length; i++)
                {
                    if (Bits.GetBit(validity, i))
                    {
                        builder.Append(((BinaryArray)sources[choice[i]]).GetBytes(i));
                    }
                    else
                    {
                        builder.AppendNull();
                    }
                }
                return builder.Build();
            }
            case ByteType: return Fixed<sbyte>(type, sources, choice, validity);
            case ShortType: return Fixed<short>(type, sources, choice, validity);
            case IntegerType or DateType: return Fixed<int>(type, sources, choice, validity);
            case LongType or TimestampType or TimestampNtzType: return Fixed<long>(type, sources, choice, validity);
            case FloatType: return Fixed<float>(type, sources, choice, validity);
            case DoubleType: return Fixed<double>(type, sources, choice, validity);
            case DecimalType: return Fixed<Int128>(type, sources, choice, validity);
            default: throw new NotSupportedException($"Choosing {type} values is not supported.");
        }
    }

    private static ArrowArray Fixed<T>(DataType type, IReadOnlyList<ArrowArray> sources, ReadOnlySpan<int> choice, byte[] validity)
        where T : unmanaged, IEquatable<T>
    {
        var values = KernelArrays.AllocateValues<T>(choice.Length);
        var destination = KernelArrays.AsSpan<T>(values);
        for (int i = 0; i < choice.Length; i++)
        {
            if (choice[i] >= 0)
            {
                // The values buffer read as T: decimals (Int128) are not a PrimitiveArray.
                var source = sources[choice[i]];
                destination[i] = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(source.Data.Buffers[1].Span)[source.Offset + i];
            }
        }
        return KernelArrays.Fixed(type, values, validity, choice.Length);
    }
}
