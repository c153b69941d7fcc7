using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Rdd.Core;
using Rdd.Sql.Tests.DataFrames;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Files written by another Arrow implementation (here Apache.Arrow's C# writer, used directly) read through
/// <c>Read.Arrow</c> as Spark types: every integer width signed and unsigned, float16, large and view strings and
/// binaries, date64, timestamps of every unit and zone, dictionaries of any index type; what has no SQL type is
/// refused naming the column when the frame is created, and a uint64 beyond bigint fails naming row and column.
/// </summary>
public sealed class ArrowFileTypesTests : DataFrameTestBase
{
    private static readonly TimestampType MillisUtc = new(TimeUnit.Millisecond, "UTC");
    private static readonly TimestampType MicrosNaive = new(TimeUnit.Microsecond, (string?)null);
    private static readonly TimestampType SecondsParis = new(TimeUnit.Second, "Europe/Paris");
    private static readonly TimestampType NanosNaive = new(TimeUnit.Nanosecond, (string?)null);
    private static readonly TimestampType NanosOffset = new(TimeUnit.Nanosecond, "+07:30");

    private string WriteFile(string name, bool fileFormat, params RecordBatch[] batches)
    {
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        using var stream = File.Create(path);
        using ArrowStreamWriter writer = fileFormat ? new ArrowFileWriter(stream, batches[0].Schema) : new ArrowStreamWriter(stream, batches[0].Schema);
        writer.WriteStart();
        foreach (var batch in batches) writer.WriteRecordBatch(batch);
        writer.WriteEnd();
        return path;
    }

    private static RecordBatch Batch(params (string Name, IArrowArray Array)[] columns) =>
        new(new Schema(columns.Select(c => new Field(c.Name, c.Array.Data.DataType, true)), null), columns.Select(c => c.Array), columns[0].Array.Length);

    private static IArrowArray Timestamps(TimestampType type, params long?[] values)
    {
        var raw = new Int64Array.Builder();
        foreach (var value in values) { if (value is { } v) raw.Append(v); else raw.AppendNull(); }
        return TestData.Retype(raw.Build(), type);
    }

    private static DictionaryArray Dictionary(IArrowArray indices, params string[] values)
    {
        var dictionary = new StringArray.Builder();
        foreach (var value in values) dictionary.Append(value);
        return new DictionaryArray(new DictionaryType(indices.Data.DataType, StringType.Default, false), indices, dictionary.Build());
    }

    private static RecordBatch EveryReadableType() => Batch(
        ("i8", new Int8Array.Builder().Append(-128).AppendNull().Append(127).Build()),
        ("i16", new Int16Array.Builder().Append(-32768).Append(1).AppendNull().Build()),
        ("i32", new Int32Array.Builder().AppendNull().Append(int.MinValue).Append(int.MaxValue).Build()),
        ("i64", new Int64Array.Builder().Append(long.MinValue).Append(long.MaxValue).AppendNull().Build()),
        ("u8", new UInt8Array.Builder().Append(255).AppendNull().Append(0).Build()),
        ("u16", new UInt16Array.Builder().Append(65535).Append(1).AppendNull().Build()),
        ("u32", new UInt32Array.Builder().Append(uint.MaxValue).AppendNull().Append(7).Build()),
        ("u64", new UInt64Array.Builder().Append(long.MaxValue).Append(0).AppendNull().Build()),
        ("f16", new HalfFloatArray.Builder().Append((Half)1.5).AppendNull().Append((Half)(-2)).Build()),
        ("f32", new FloatArray.Builder().Append(0.25f).Append(float.NaN).AppendNull().Build()),
        ("f64", new DoubleArray.Builder().AppendNull().Append(1e300).Append(-0.5).Build()),
        ("bool", new BooleanArray.Builder().Append(true).AppendNull().Append(false).Build()),
        ("utf8", new StringArray.Builder().Append("héllo").Append("").AppendNull().Build()),
        ("large_utf8", new LargeStringArray.Builder().AppendNull().Append("large").Append("漢字").Build()),
        ("utf8_view", new StringViewArray.Builder().Append("a view longer than twelve bytes").AppendNull().Append("v").Build()),
        ("binary", new BinaryArray.Builder().Append([1, 2]).AppendNull().Append([]).Build()),
        ("large_binary", new LargeBinaryArray.Builder().Append([255]).Append([0, 0]).AppendNull().Build()),
        ("date32", new Date32Array.Builder().Append(new DateTime(2024, 2, 29)).AppendNull().Append(new DateTime(1969, 12, 31)).Build()),
        ("date64", new Date64Array.Builder().AppendNull().Append(new DateTime(2000, 1, 1)).Append(new DateTime(1900, 1, 1)).Build()),
        ("ts_ms_utc", Timestamps(MillisUtc, 1709164800123, null, -1)),
        ("ts_us", Timestamps(MicrosNaive, 1709164800123456, 0, null)),
        ("ts_s_paris", Timestamps(SecondsParis, null, 1709164800, -86400)),
        ("ts_ns", Timestamps(NanosNaive, 1709164800123456789, -1, null)),
        ("ts_ns_offset", Timestamps(NanosOffset, 1_500, null, -1_500)),
        ("dict8", Dictionary(new Int8Array.Builder().Append(1).Append(0).AppendNull().Build(), "red", "green")),
        ("dict_u32", Dictionary(new UInt32Array.Builder().AppendNull().Append(2).Append(2).Build(), "a", "b", "c")));

    private static readonly object?[][] s_expectedRows =
    [
        [(sbyte)-128, (short)-32768, null, long.MinValue, (short)255, 65535, (long)uint.MaxValue, long.MaxValue, 1.5f, 0.25f, null,
            true, "héllo", null, "a view longer than twelve bytes", new byte[] { 1, 2 }, new byte[] { 255 }, new DateOnly(2024, 2, 29), null,
            new DateTime(2024, 2, 29, 0, 0, 0, 123, DateTimeKind.Utc), new DateTime(2024, 2, 29, 0, 0, 0, 123, DateTimeKind.Unspecified).AddTicks(4560),
            null, new DateTime(2024, 2, 29, 0, 0, 0, 123, DateTimeKind.Unspecified).AddTicks(4560), DateTime.UnixEpoch.AddTicks(10), "green", null],
        [null, (short)1, int.MinValue, long.MaxValue, null, 1, null, 0L, null, float.NaN, 1e300,
            null, "", "large", null, null, new byte[] { 0, 0 }, null, new DateOnly(2000, 1, 1),
            null, new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Unspecified).AddTicks(9990), null, "red", "c"],
        [(sbyte)127, null, int.MaxValue, null, (short)0, null, 7L, null, -2f, null, -0.5,
            false, null, "漢字", "v", System.Array.Empty<byte>(), null, new DateOnly(1969, 12, 31), new DateOnly(1900, 1, 1),
            new DateTime(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc), null, new DateTime(1969, 12, 31, 0, 0, 0, DateTimeKind.Utc),
            null, DateTime.UnixEpoch.AddTicks(-20), null, "c"],
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_EveryReadableArrowType_ReadsAsSparksType(bool fileFormat)
    {
        string path = WriteFile("types.arrow", fileFormat, EveryReadableType());
        var frame = Sql.Read.Arrow(path);

        Assert.Equal(
            "struct<i8:tinyint,i16:smallint,i32:int,i64:bigint,u8:smallint,u16:int,u32:bigint,u64:bigint,f16:float,f32:float,f64:double,"
            + "bool:boolean,utf8:string,large_utf8:string,utf8_view:string,binary:binary,large_binary:binary,date32:date,date64:date,"
            + "ts_ms_utc:timestamp,ts_us:timestamp_ntz,ts_s_paris:timestamp,ts_ns:timestamp_ntz,ts_ns_offset:timestamp,dict8:string,dict_u32:string>",
            frame.Schema.SimpleString);
        var rows = frame.Collect();
        Assert.Equal(s_expectedRows.Length, rows.Length);
        for (int r = 0; r < rows.Length; r++)
        {
            for (int c = 0; c < s_expectedRows[r].Length; c++)
            {
                var expected = s_expectedRows[r][c];
                var actual = rows[r][c];
                Assert.True(Equals(expected, actual) || (expected is byte[] e && actual is byte[] a && e.SequenceEqual(a))
                    || (expected is DateTime te && actual is DateTime ta && te == ta && te.Kind == ta.Kind),
                    $"Row {r} column {frame.Columns[c]}: expected {ArrowValues.Show(expected)} ({expected?.GetType().Name}), found {ArrowValues.Show(actual)} ({actual?.GetType().Name}).");
            }
        }

        // The columns work in queries, not only in Collect: group by the dictionary, filter the widened integers.
        Assert.Equal(2, frame.Where(Col("u8") < 300).Count());
        Assert.Equal(3, frame.GroupBy("dict_u32").Count().Collect().Sum(r => (long)r[1]!));
    }

    [Fact]
    public void Read_UInt64BeyondBigint_FailsNamingTheFileColumnAndRow()
    {
        var first = Batch(("id", new Int32Array.Builder().Append(1).Append(2).Build()), ("u64", new UInt64Array.Builder().Append(1).Append(2).Build()));
        var second = Batch(("id", new Int32Array.Builder().Append(3).Append(4).Build()), ("u64", new UInt64Array.Builder().Append(3).Append(ulong.MaxValue).Build()));
        string path = WriteFile("big.arrow", true, first, second);

        var frame = Sql.Read.Arrow(path); // the schema is fine: bigint
        Assert.Equal("struct<id:int,u64:bigint>", frame.Schema.SimpleString);
        var error = Assert.Throws<JobFailedException>(() => frame.Collect());
        var inner = Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Contains("big.arrow", inner.Message);
        Assert.Contains("Column 'u64', row 3", inner.Message);
        Assert.Contains("18446744073709551615", inner.Message);
        // The other column reads: the values are checked only when the column is read.
        Assert.Equal(4, Sql.Read.Arrow(path).Select("id").Count());
    }

    public static TheoryData<string, string> Unsupported => new()
    {
        { "decimal", "decimal256(40, 2)" },
        { "time", "time32[ms]" },
        { "list", "list<item: time32[ms]>" },
        { "dict_int", "dictionary<values=int32, indices=int32>" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Read_ColumnWithoutASqlType_IsRefusedNamingItWhenTheFrameIsCreated(string column, string arrowType)
    {
        var ids = new Int32Array.Builder().Append(1).Append(2).Build();
        IArrowArray array = column switch
        {
            "decimal" => new Decimal256Array.Builder(new Decimal256Type(40, 2)).Append(1.25m).AppendNull().Build(),
            "time" => new Time32Array.Builder(TimeUnit.Millisecond).Append(1000).AppendNull().Build(),
            "list" => new ListArray.Builder(Time32Type.Millisecond).Append().AppendNull().Build(),
            _ => new DictionaryArray(new DictionaryType(Int32Type.Default, Int32Type.Default, false), ids, ids),
        };
        string path = WriteFile("odd.arrow", true, Batch(("id", ids), (column, array)));

        var error = Assert.Throws<NotSupportedException>(() => Sql.Read.Arrow(path));
        Assert.Contains($"Column '{column}'", error.Message);
        Assert.Contains(arrowType, error.Message);
        // The readable columns can still be read, by naming them.
        Assert.Equal(2, Sql.Read.Schema("id INT").Arrow(path).Count());
        Assert.Throws<NotSupportedException>(() => Sql.Read.Schema($"{column} STRING").Arrow(path));
    }
}
