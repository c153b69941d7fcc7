using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// CAST between SQL types with Spark's non-ANSI results: numbers convert with wrap-around between integers and
/// saturation from floating point; a string that does not parse becomes NULL; numbers and booleans convert
/// as 1/0 and "not zero". Dates and timestamps use UTC.
/// </summary>
internal static class CastKernels
{
    private const long MicrosPerDay = 86_400_000_000L;

    public static bool CanCast(DataType from, DataType to) =>
        from == to || from is Expressions.NullType
        || (IsNested(from) || IsNested(to)
            // An array or struct casts to its text ([1, 2], {1, a}); nothing casts into one.
            ? IsNested(from) && to is StringType
            : DecimalCastKernels.CanCast(from, to) || to is StringType || from is StringType
                || (IsNumberOrBoolean(from) && IsNumberOrBoolean(to))
                || (from is DateType or TimestampType or TimestampNtzType && to is DateType or TimestampType or TimestampNtzType));

    private static bool IsNested(DataType type) => type is ArrayType or StructType;

    private static bool IsNumberOrBoolean(DataType type) => type is BooleanType || Expressions.TypeCoercion.IsNumeric(type);

    public static ArrowArray Cast(ArrowArray input, DataType from, DataType to)
    {
        if (from == to)
        {
            return input;
        }
        if (from is Expressions.NullType)
        {
            return KernelArrays.AllNull(to, input.Length);
        }
        if (from is DecimalType || to is DecimalType)
        {
            return DecimalCastKernels.Cast(input, from, to);
        }
        if (to is StringType)
        {
            return ToStringArray(input, from);
        }
        return (from, to) switch
        {
            (StringType, BooleanType) => StringToBoolean((StringArray)input),
            (StringType, DateType) => StringToDate((StringArray)input),
            (StringType, TimestampType or TimestampNtzType) => StringToTimestamp((StringArray)input, to),
            (StringType, _) => Dispatch(to, new ParseFrom((StringArray)input)),
            (BooleanType, _) => Dispatch(to, new FromBoolean((BooleanArray)input)),
            (_, BooleanType) => NumberToBoolean(input, from),
            (DateType, TimestampType or TimestampNtzType) => DateToTimestamp((PrimitiveArray<int>)input, to),
            (TimestampType or TimestampNtzType, DateType) => TimestampToDate((PrimitiveArray<long>)input),
            (TimestampType or TimestampNtzType, TimestampType or TimestampNtzType) =>
                KernelArrays.Fixed(to, CopyValues((PrimitiveArray<long>)input), Bitmaps.Validity(input), input.Length),
            _ when Expressions.TypeCoercion.IsNumeric(from) && Expressions.TypeCoercion.IsNumeric(to) => from switch
            {
                ByteType => Dispatch(to, new FromNumber<sbyte>((PrimitiveArray<sbyte>)input)),
                ShortType => Dispatch(to, new FromNumber<short>((PrimitiveArray<short>)input)),
                IntegerType => Dispatch(to, new FromNumber<int>((PrimitiveArray<int>)input)),
                LongType => Dispatch(to, new FromNumber<long>((PrimitiveArray<long>)input)),
                FloatType => Dispatch(to, new FromNumber<float>((PrimitiveArray<float>)input)),
                _ => Dispatch(to, new FromNumber<double>((PrimitiveArray<double>)input)),
            },
            _ => throw new NotSupportedException($"Cannot cast {from} to {to}."),
        };
    }

    private static Memory<byte> CopyValues<T>(PrimitiveArray<T> input) where T : unmanaged, IEquatable<T>
    {
        var values = KernelArrays.AllocateValues<T>(input.Length);
        input.Values.CopyTo(KernelArrays.AsSpan<T>(values));
        return values;
    }

    /// <summary>A typed source of numbers: the target type is dispatched once, then one generic loop runs.</summary>
    private interface INumberSource
    {
        int Length { get; }

        /// <summary>Writes row values into <paramref name="destination"/>; returns the validity (null = all valid).</summary>
        byte[]? Convert<TTo>(Span<TTo> destination) where TTo : unmanaged, INumber<TTo>;
    }

    private static ArrowArray Dispatch<TSource>(DataType to, TSource source) where TSource : INumberSource => to switch
    {
        ByteType => Run<sbyte, TSource>(to, source),
        ShortType => Run<short, TSource>(to, source),
        IntegerType => Run<int, TSource>(to, source),
        LongType => Run<long, TSource>(to, source),
        FloatType => Run<float, TSource>(to, source),
        DoubleType => Run<double, TSource>(to, source),
        _ => throw new NotSupportedException($"Cannot cast to {to}."),
    };

    private static ArrowArray Run<TTo, TSource>(DataType to, TSource source)
        where TTo : unmanaged, INumber<TTo>
        where TSource : INumberSource
    {
        var values = KernelArrays.AllocateValues<TTo>(source.Length);
        var validity = source.Convert(KernelArrays.AsSpan<TTo>(values));
        return KernelArrays.Fixed(to, values, validity, source.Length);
    }

    private readonly struct FromNumber<TFrom>(PrimitiveArray<TFrom> input) : INumberSource where TFrom : unmanaged, INumber<TFrom>
    {
        public int Length => input.Length;

        public byte[]? Convert<TTo>(Span<TTo> destination) where TTo : unmanaged, INumber<TTo>
        {
            var source = input.Values;
            for (int i = 0; i < source.Length; i++)
            {
                // Integers wrap (Scala's toInt on a Long); floating point saturates and NaN becomes 0 (.NET 9+).
                destination[i] = TTo.CreateTruncating(source[i]);
            }
            return Bitmaps.Validity(input);
        }
    }

    private readonly struct FromBoolean(BooleanArray input) : INumberSource
    {
        public int Length => input.Length;

        public byte[]? Convert<TTo>(Span<TTo> destination) where TTo : unmanaged, INumber<TTo>
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = input.GetBit(i) ? TTo.One : TTo.Zero;
            }
            return Bitmaps.Validity(input);
        }
    }

    /// <summary>Parses UTF-8 text; surrounding whitespace is ignored, and an integer target accepts a fraction (truncated).</summary>
    private readonly struct ParseFrom(StringArray input) : INumberSource
    {
        public int Length => input.Length;

        public byte[]? Convert<TTo>(Span<TTo> destination) where TTo : unmanaged, INumber<TTo>
        {
            var validity = Bitmaps.Validity(input) ?? Bitmaps.AllSet(input.Length);
            bool integral = typeof(TTo) != typeof(float) && typeof(TTo) != typeof(double);
            for (int i = 0; i < destination.Length; i++)
            {
                if (!Bits.GetBit(validity, i))
                {
                    continue;
                }
                var text = input.GetBytes(i).Trim(" \t\n\r"u8);
                if (TTo.TryParse(text, integral ? NumberStyles.Integer : NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    destination[i] = value;
                }
                else if (integral && Utf8Parser.TryParse(text, out double number, out int consumed) && consumed == text.Length
                    && double.IsFinite(number) && FitsAfterTruncation(number, out TTo truncated))
                {
                    destination[i] = truncated;
                }
                else if (!integral && TryParseSpecial(text, out double special))
                {
                    destination[i] = TTo.CreateTruncating(special);
                }
                else
                {
                    Bits.ClearBit(validity, i);
                }
            }
            return validity;
        }
    }

    /// <summary>The integer part of <paramref name="number"/> when it is in range of <typeparamref name="TTo"/> (else the cast is NULL).</summary>
    private static bool FitsAfterTruncation<TTo>(double number, out TTo value) where TTo : unmanaged, INumber<TTo>
    {
        double whole = Math.Truncate(number);
        value = TTo.CreateSaturating(whole);
        return double.CreateTruncating(value) == whole;
    }

    private static bool TryParseSpecial(ReadOnlySpan<byte> text, out double value)
    {
        string s = Encoding.UTF8.GetString(text);
        value = s.ToLowerInvariant() switch
        {
            "nan" => double.NaN,
            "infinity" or "inf" or "+infinity" or "+inf" => double.PositiveInfinity,
            "-infinity" or "-inf" => double.NegativeInfinity,
            _ => 0,
        };
        return value != 0 || double.IsNaN(value);
    }

    private static BooleanArray NumberToBoolean(ArrowArray input, DataType from)
    {
        var asDouble = (PrimitiveArray<double>)Cast(input, from, DoubleType.Instance);
        var bits = Bitmaps.AllClear(input.Length);
        var values = asDouble.Values;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] != 0)
            {
                Bits.SetBit(bits, i);
            }
        }
        return KernelArrays.Boolean(bits, Bitmaps.Validity(input), input.Length);
    }

    private static BooleanArray StringToBoolean(StringArray input)
    {
        var bits = Bitmaps.AllClear(input.Length);
        var validity = Bitmaps.Validity(input) ?? Bitmaps.AllSet(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (!Bits.GetBit(validity, i))
            {
                continue;
            }
            switch (Encoding.UTF8.GetString(input.GetBytes(i)).Trim().ToLowerInvariant())
            {
                case "t" or "true" or "y" or "yes" or "1": Bits.SetBit(bits, i); break;
                case "f" or "false" or "n" or "no" or "0": break;
                default: Bits.ClearBit(validity, i); break;
            }
        }
        return KernelArrays.Boolean(bits, validity, input.Length);
    }

    private static readonly string[] s_dateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy-MM", "yyyy"];

    /// <summary>Spark's date parsing: <c>yyyy[-MM[-dd]]</c>, optionally followed by a time after a space or T.</summary>
    internal static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        text = text.Trim();
        int cut = text.IndexOfAny(' ', 'T');
        if (cut > 0)
        {
            text = text[..cut];
        }
        return DateOnly.TryParseExact(text, s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    internal static bool TryParseTimestamp(ReadOnlySpan<char> text, out DateTime time) =>
        DateTime.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time);

    private static ArrowArray StringToDate(StringArray input)
    {
        var values = KernelArrays.AllocateValues<int>(input.Length);
        var days = KernelArrays.AsSpan<int>(values);
        var validity = Bitmaps.Validity(input) ?? Bitmaps.AllSet(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (Bits.GetBit(validity, i))
            {
                if (TryParseDate(Encoding.UTF8.GetString(input.GetBytes(i)), out var date))
                {
                    days[i] = ArrowTemporal.ToDays(date);
                }
                else
                {
                    Bits.ClearBit(validity, i);
                }
            }
        }
        return KernelArrays.Fixed(DateType.Instance, values, validity, input.Length);
    }

    private static ArrowArray StringToTimestamp(StringArray input, DataType to)
    {
        var values = KernelArrays.AllocateValues<long>(input.Length);
        var micros = KernelArrays.AsSpan<long>(values);
        var validity = Bitmaps.Validity(input) ?? Bitmaps.AllSet(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (Bits.GetBit(validity, i))
            {
                if (TryParseTimestamp(Encoding.UTF8.GetString(input.GetBytes(i)), out var time))
                {
                    micros[i] = (time.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
                }
                else
                {
                    Bits.ClearBit(validity, i);
                }
            }
        }
        return KernelArrays.Fixed(to, values, validity, input.Length);
    }

    private static ArrowArray DateToTimestamp(PrimitiveArray<int> input, DataType to)
    {
        var values = KernelArrays.AllocateValues<long>(input.Length);
        var micros = KernelArrays.AsSpan<long>(values);
        var days = input.Values;
        for (int i = 0; i < days.Length; i++)
        {
            micros[i] = days[i] * MicrosPerDay;
        }
        return KernelArrays.Fixed(to, values, Bitmaps.Validity(input), input.Length);
    }

    private static ArrowArray TimestampToDate(PrimitiveArray<long> input)
    {
        var values = KernelArrays.AllocateValues<int>(input.Length);
        var days = KernelArrays.AsSpan<int>(values);
        var micros = input.Values;
        for (int i = 0; i < micros.Length; i++)
        {
            days[i] = (int)Math.Floor(micros[i] / (double)MicrosPerDay);
        }
        return KernelArrays.Fixed(DateType.Instance, values, Bitmaps.Validity(input), input.Length);
    }

    private static StringArray ToStringArray(ArrowArray input, DataType from)
    {
        using var builder = new StringArrayBuilder(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            switch (input)
            {
                case BinaryArray binary: builder.Append(binary.GetBytes(i)); break;
                case BooleanArray booleans: builder.Append(booleans.GetBit(i) ? "true" : "false"); break;
                case PrimitiveArray<double> doubles: builder.Append(FormatDouble(doubles.Values[i])); break;
                case PrimitiveArray<float> floats: builder.Append(FormatDouble(floats.Values[i])); break;
                case Date32Array dates: builder.Append(ArrowTemporal.ToDate(dates.Values[i]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                case TimestampArray times: builder.Append(FormatTimestamp(ArrowTemporal.ToDateTime(times.Values[i], (Apache.Arrow.Types.TimestampType)times.Data.DataType))); break;
                case PrimitiveArray<sbyte> bytes: AppendNumber(builder, bytes.Values[i]); break;
                case PrimitiveArray<short> shorts: AppendNumber(builder, shorts.Values[i]); break;
                case PrimitiveArray<int> ints: AppendNumber(builder, ints.Values[i]); break;
                case PrimitiveArray<long> longs: AppendNumber(builder, longs.Values[i]); break;
                // Spark's text of arrays and structs, as show prints them: [1, 2], {1, a}.
                case ListArray or StructArray: builder.Append(Show.ValueFormatter.Format(ArrayValues.GetTyped(input, i, from))); break;
                default: throw new NotSupportedException($"Cannot cast {from} to string.");
            }
        }
        return builder.Build();
    }

    private static void AppendNumber<T>(StringArrayBuilder builder, T value) where T : IUtf8SpanFormattable
    {
        Span<byte> buffer = stackalloc byte[32];
        value.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture);
        builder.Append((ReadOnlySpan<byte>)buffer[..written]);
    }

    /// <summary>Spark's timestamp text: seconds, then a fraction only when there is one, without trailing zeros.</summary>
    internal static string FormatTimestamp(DateTime time)
    {
        string text = time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        long fraction = time.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond;
        return fraction == 0 ? text : text + "." + fraction.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    /// <summary>
    /// Java's <c>Double.toString</c>, which Spark uses: shortest round-trip digits, at least one fractional digit
    /// (<c>1.0</c>), scientific notation below 1e-3 and from 1e7 (<c>1.0E7</c>).
    /// </summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            string plain = value.ToString("R", CultureInfo.InvariantCulture);
            return plain.Contains('.') || plain.Contains('E') ? plain : plain + ".0";
        }
        // Shortest digits and decimal exponent from the round-trip form, then Java's d.dddE±n layout.
        string r = magnitude.ToString("E16", CultureInfo.InvariantCulture);
        string shortest = magnitude.ToString("R", CultureInfo.InvariantCulture);
        int exponent = int.Parse(r[(r.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
        string digits = new([.. shortest.TakeWhile(c => c != 'E').Where(char.IsDigit)]);
        digits = digits.TrimStart('0').TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }
        string mantissa = digits.Length == 1 ? digits + ".0" : digits[0] + "." + digits[1..];
        return (value < 0 ? "-" : "") + mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
