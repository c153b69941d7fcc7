using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>Record batches covering every supported type, with nulls, built deterministically from a seed.</summary>
internal static class TestData
{
    public static readonly TimestampType MillisUtc = new(TimeUnit.Millisecond, "UTC");
    public static readonly TimestampType Micros = new(TimeUnit.Microsecond);
    public static readonly TimestampType NanosOffset = new(TimeUnit.Nanosecond, "+07:30");
    public static readonly TimestampType SecondsParis = new(TimeUnit.Second, "Europe/Paris");
    public static readonly FixedSizeListType Vector3 = new(3);

    /// <summary>The schema of <see cref="AllTypes"/>; one column per supported type plus a non-null id.</summary>
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
            new Field("dict", DictionaryType.Default, true),
            new Field("list", ListType.Default, true),
            new Field("fsl", Vector3, true),
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

        var id = new PrimitiveArray<int>.Builder();
        var i8 = new PrimitiveArray<sbyte>.Builder();
        var i16 = new PrimitiveArray<short>.Builder();
        var i32 = new PrimitiveArray<int>.Builder();
        var i64 = new PrimitiveArray<long>.Builder();
        var u8 = new PrimitiveArray<byte>.Builder();
        var u16 = new PrimitiveArray<ushort>.Builder();
        var u32 = new PrimitiveArray<uint>.Builder();
        var u64 = new PrimitiveArray<ulong>.Builder();
        var f32 = new PrimitiveArray<float>.Builder();
        var f64 = new PrimitiveArray<double>.Builder();
        var boolean = new BooleanArray.Builder();
        var utf8 = new StringArray.Builder();
        var binary = new BinaryArray.Builder();
        var date = new Date32Array.Builder();
        var tsMs = new TimestampArray.Builder(MillisUtc);
        var tsUs = new TimestampArray.Builder(Micros);
        var tsNs = new TimestampArray.Builder(NanosOffset);
        var tsS = new TimestampArray.Builder(SecondsParis);
        var dict = new DictionaryArray.Builder();
        var list = new ListArray.Builder();
        var fsl = new FixedSizeListArray.Builder(Vector3);

        for (int row = 0; row < length; row++)
        {
            id.Append(row);
            i8.Append(Null(row, 1) ? null : (sbyte)random.Next(sbyte.MinValue, sbyte.MaxValue + 1));
            i16.Append(Null(row, 2) ? null : (short)random.Next(short.MinValue, short.MaxValue + 1));
            i32.Append(Null(row, 3) ? null : random.Next(int.MinValue, int.MaxValue));
            i64.Append(Null(row, 4) ? null : random.NextInt64(long.MinValue, long.MaxValue));
            u8.Append(Null(row, 5) ? null : (byte)random.Next(0, 256));
            u16.Append(Null(row, 6) ? null : (ushort)random.Next(0, 65536));
            u32.Append(Null(row, 7) ? null : (uint)random.NextInt64(0, uint.MaxValue + 1L));
            u64.Append(Null(row, 8) ? null : (ulong)random.NextInt64() * 2 + (ulong)random.Next(2));
            f32.Append(Null(row, 9) ? null : (float)(random.NextDouble() * 2000 - 1000));
            f64.Append(Null(row, 10) ? null : random.NextDouble() * 1e6 - 5e5);
            boolean.Append(Null(row, 11) ? null : random.Next(2) == 1);
            utf8.Append(Null(row, 12) ? null : s_words[random.Next(s_words.Length)]);
            binary.Append(Null(row, 13) ? null : Bytes(random));
            date.Append(Null(row, 14) ? null : DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber)));
            tsMs.Append(Null(row, 15) ? null : random.NextInt64(-62135596800000, 253402300799999));
            tsUs.Append(Null(row, 16) ? null : random.NextInt64(long.MinValue / 2, long.MaxValue / 2));
            tsNs.Append(Null(row, 17) ? null : random.NextInt64());
            tsS.Append(Null(row, 18) ? null : random.NextInt64(-62135596800, 253402300799));
            dict.Append(Null(row, 19) ? null : s_colors[random.Next(s_colors.Length)]);
            list.Append(Null(row, 20) ? null : Doubles(random, random.Next(0, 5)));
            fsl.Append(Null(row, 21) ? null : Doubles(random, 3));
        }

        return new RecordBatch(AllTypesSchema,
        [
            id.Build(), i8.Build(), i16.Build(), i32.Build(), i64.Build(), u8.Build(), u16.Build(), u32.Build(), u64.Build(),
            f32.Build(), f64.Build(), boolean.Build(), utf8.Build(), binary.Build(), date.Build(),
            tsMs.Build(), tsUs.Build(), tsNs.Build(), tsS.Build(), dict.Build(), list.Build(), fsl.Build(),
        ], length);
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
