using Apache.Arrow;
using Apache.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Record batches covering every Arrow type the engine reads (and some it only stores), with nulls, built
/// deterministically from a seed with Apache.Arrow's own builders.
/// </summary>
internal static class TestData
{
    public static readonly TimestampType MillisUtc = new(TimeUnit.Millisecond, "UTC");
    public static readonly TimestampType Micros = new(TimeUnit.Microsecond, (string?)null);
    public static readonly TimestampType NanosOffset = new(TimeUnit.Nanosecond, "+07:30");
    public static readonly TimestampType SecondsParis = new(TimeUnit.Second, "Europe/Paris");
    public static readonly DictionaryType Colors = new(Int32Type.Default, StringType.Default, false);

    /// <summary>The schema of <see cref="AllTypes"/>; one column per type plus a non-null id.</summary>
    public static Schema AllTypesSchema { get; } = new(
        [
            new Field("id", Int32Type.Default, nullable: false),
            new Field("i8", Int8Type.Default, true),
            new Field("i16", Int16Type.Default, true),
            new Field("i32", Int32Type.Default, true),
            new Field("i64", Int64Type.Default, true),
            new Field("u8", UInt8Type.Default, true),
            new Field("u16", UInt16Type.Default, true),
            new Field("u32", UInt32Type.Default, true),
            new Field("u64", UInt64Type.Default, true),
            new Field("f32", FloatType.Default, true),
            new Field("f64", DoubleType.Default, true),
            new Field("bool", BooleanType.Default, true),
            new Field("utf8", StringType.Default, true, new Dictionary<string, string> { ["comment"] = "unicode text" }),
            new Field("binary", BinaryType.Default, true),
            new Field("date32", Date32Type.Default, true),
            new Field("ts_ms_utc", MillisUtc, true),
            new Field("ts_us", Micros, true),
            new Field("ts_ns_offset", NanosOffset, true),
            new Field("ts_s_paris", SecondsParis, true),
            new Field("dict", Colors, true),
            new Field("list", new ListType(new Field("item", DoubleType.Default, true)), true),
        ],
        new Dictionary<string, string> { ["origin"] = "Rdd.Sql.Tests", ["unicode"] = "ünï€ödé" });

    private static readonly string[] s_words = ["alpha", "", "héllo wörld €", "漢字", "x", "a longer string that spans more bytes"];
    private static readonly string[] s_colors = ["red", "green", "blue", "cyan"];

    /// <summary>
    /// <paramref name="length"/> rows; each nullable column is null where (row + column) % 3 == 2, so the
    /// null pattern differs per column and crosses byte boundaries of the bitmaps.
    /// </summary>
    public static RecordBatch AllTypes(int length, int seed = 1)
    {
        var random = new Random(seed);
        bool Null(int row, int column) => (row + column) % 3 == 2;

        var id = new Int32Array.Builder();
        var i8 = new Int8Array.Builder();
        var i16 = new Int16Array.Builder();
        var i32 = new Int32Array.Builder();
        var i64 = new Int64Array.Builder();
        var u8 = new UInt8Array.Builder();
        var u16 = new UInt16Array.Builder();
        var u32 = new UInt32Array.Builder();
        var u64 = new UInt64Array.Builder();
        var f32 = new FloatArray.Builder();
        var f64 = new DoubleArray.Builder();
        var boolean = new BooleanArray.Builder();
        var utf8 = new StringArray.Builder();
        var binary = new BinaryArray.Builder();
        var date = new Int32Array.Builder();
        var tsMs = new Int64Array.Builder();
        var tsUs = new Int64Array.Builder();
        var tsNs = new Int64Array.Builder();
        var tsS = new Int64Array.Builder();
        var dictIndices = new Int32Array.Builder();
        var listOffsets = new List<int> { 0 };
        var listValues = new DoubleArray.Builder();
        var listValid = new List<bool>();

        for (int row = 0; row < length; row++)
        {
            id.Append(row);
            Add(i8, Null(row, 1), () => (sbyte)random.Next(sbyte.MinValue, sbyte.MaxValue + 1));
            Add(i16, Null(row, 2), () => (short)random.Next(short.MinValue, short.MaxValue + 1));
            Add(i32, Null(row, 3), () => random.Next(int.MinValue, int.MaxValue));
            Add(i64, Null(row, 4), () => random.NextInt64(long.MinValue, long.MaxValue));
            Add(u8, Null(row, 5), () => (byte)random.Next(0, 256));
            Add(u16, Null(row, 6), () => (ushort)random.Next(0, 65536));
            Add(u32, Null(row, 7), () => (uint)random.NextInt64(0, uint.MaxValue + 1L));
            Add(u64, Null(row, 8), () => (ulong)random.NextInt64() * 2 + (ulong)random.Next(2));
            Add(f32, Null(row, 9), () => (float)(random.NextDouble() * 2000 - 1000));
            Add(f64, Null(row, 10), () => random.NextDouble() * 1e6 - 5e5);
            if (Null(row, 11)) boolean.AppendNull(); else boolean.Append(random.Next(2) == 1);
            if (Null(row, 12)) utf8.AppendNull(); else utf8.Append(s_words[random.Next(s_words.Length)]);
            if (Null(row, 13)) binary.AppendNull(); else binary.Append((ReadOnlySpan<byte>)Bytes(random));
            Add(date, Null(row, 14), () => random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber) - 719162);
            Add(tsMs, Null(row, 15), () => random.NextInt64(-62135596800000, 253402300799999));
            Add(tsUs, Null(row, 16), () => random.NextInt64(-62135596800000000, 253402300799999999));
            Add(tsNs, Null(row, 17), () => random.NextInt64());
            Add(tsS, Null(row, 18), () => random.NextInt64(-62135596800, 253402300799));
            Add(dictIndices, Null(row, 19), () => random.Next(s_colors.Length));
            listValid.Add(!Null(row, 20));
            if (!Null(row, 20))
            {
                foreach (double value in Doubles(random, random.Next(0, 5))) listValues.Append(value);
            }
            listOffsets.Add(listValues.Length);
        }

        var colors = new StringArray.Builder();
        foreach (var color in s_colors) colors.Append(color);
        return new RecordBatch(AllTypesSchema,
        [
            id.Build(), i8.Build(), i16.Build(), i32.Build(), i64.Build(), u8.Build(), u16.Build(), u32.Build(), u64.Build(),
            f32.Build(), f64.Build(), boolean.Build(), utf8.Build(), binary.Build(), Retype(date.Build(), Date32Type.Default),
            Retype(tsMs.Build(), MillisUtc), Retype(tsUs.Build(), Micros), Retype(tsNs.Build(), NanosOffset), Retype(tsS.Build(), SecondsParis),
            new DictionaryArray(Colors, dictIndices.Build(), colors.Build()),
            List((ListType)AllTypesSchema.GetFieldByIndex(20).DataType, listOffsets, listValues.Build(), listValid),
        ], length);
    }

    private static void Add<T, TArray, TBuilder>(PrimitiveArrayBuilder<T, TArray, TBuilder> builder, bool isNull, Func<T> value)
        where T : struct
        where TArray : IArrowArray
        where TBuilder : class, IArrowArrayBuilder<TArray>
    {
        if (isNull) builder.AppendNull(); else builder.Append(value());
    }

    /// <summary>The same buffers under another fixed-width type of the same width (dates and timestamps from raw values).</summary>
    public static ArrowArray Retype(IArrowArray array, IArrowType type)
    {
        var data = array.Data;
        return (ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(type, data.Length, data.NullCount, data.Offset, data.Buffers, data.Children));
    }

    private static ListArray List(ListType type, List<int> offsets, DoubleArray values, List<bool> valid)
    {
        int length = valid.Count;
        int nullCount = valid.Count(v => !v);
        var bitmap = new byte[(length + 7) / 8];
        for (int i = 0; i < length; i++) if (valid[i]) bitmap[i >> 3] |= (byte)(1 << (i & 7));
        var offsetBytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(offsets.ToArray().AsSpan()).ToArray();
        return new ListArray(new ArrayData(type, length, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(bitmap), new ArrowBuffer(offsetBytes)], [values.Data]));
    }

    private static byte[] Bytes(Random random)
    {
        var bytes = new byte[random.Next(0, 6)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static double[] Doubles(Random random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = Math.Round(random.NextDouble() * 100 - 50, 3);
        }
        return values;
    }
}
