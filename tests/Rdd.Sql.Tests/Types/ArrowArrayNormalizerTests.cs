using Apache.Arrow;
using Rdd.Sql.Execution.Caching;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Tests.Types;

public class ArrowArrayNormalizerTests
{
    [Theory]
    [InlineData(0, 5)]
    [InlineData(3, 4)]
    [InlineData(9, 2)]
    public void Normalize_UInt8_WidensToInt16KeepingNulls(int offset, int length)
    {
        byte?[] values = [0, 255, null, 7, 128, null, 1, 2, 3, 200, null];
        var builder = new TestArrayBuilder<byte>();
        foreach (var value in values)
        {
            builder.Append(value);
        }
        var source = builder.Build().Slice(offset, length);

        var widened = Assert.IsType<Int16Array>(ArrowArrayNormalizer.Normalize(source));
        Assert.Equal(values.Skip(offset).Take(length).Select(v => (short?)v), Enumerable.Range(0, length).Select(widened.GetValue));
    }

    [Fact]
    public void Normalize_UInt32AndUInt16_Widen()
    {
        var uint32 = new TestArrayBuilder<uint>().Append(uint.MaxValue).AppendNull().Build();
        var int64 = Assert.IsType<Int64Array>(ArrowArrayNormalizer.Normalize(uint32));
        Assert.Equal([uint.MaxValue, null], Enumerable.Range(0, 2).Select(int64.GetValue));

        var uint16 = new TestArrayBuilder<ushort>().Append(ushort.MaxValue).Build();
        Assert.Equal(ushort.MaxValue, Assert.IsType<Int32Array>(ArrowArrayNormalizer.Normalize(uint16)).GetValue(0));
    }

    [Fact]
    public void Normalize_UInt64BeyondLong_ThrowsOverflowNamingColumnAndRow()
    {
        var fits = new TestArrayBuilder<ulong>().Append(long.MaxValue).Build();
        Assert.Equal(long.MaxValue, ((Int64Array)ArrowArrayNormalizer.Normalize(fits)).GetValue(0));

        var tooBig = new TestArrayBuilder<ulong>().Append(1).Append((ulong)long.MaxValue + 1).Build();
        var error = Assert.Throws<OverflowException>(() => ArrowArrayNormalizer.Normalize(tooBig, "u64", firstRow: 100));
        Assert.Contains("9223372036854775808", error.Message);
        Assert.Contains("'u64'", error.Message);
        Assert.Contains("row 101", error.Message);
    }

    [Fact]
    public void Normalize_HalfFloatAndDate64_BecomeFloatAndDays()
    {
        var halves = new HalfFloatArray.Builder().Append((Half)1.5).AppendNull().Append((Half)(-0.25)).Build();
        var floats = Assert.IsType<FloatArray>(ArrowArrayNormalizer.Normalize(halves));
        Assert.Equal([1.5f, null, -0.25f], Enumerable.Range(0, 3).Select(floats.GetValue));

        var dates = new Date64Array.Builder().Append(new DateTime(2024, 2, 29)).Append(new DateTime(1969, 12, 31)).Build();
        var days = Assert.IsType<Date32Array>(ArrowArrayNormalizer.Normalize(dates));
        Assert.Equal([ArrowTemporal.ToDays(new DateOnly(2024, 2, 29)), -1], days.Values.ToArray());
    }

    [Fact]
    public void Normalize_LargeStringsAndBinary_GetInt32Offsets()
    {
        var large = new LargeStringArray.Builder().Append("héllo").AppendNull().Append("").Append("x").Build();
        var strings = Assert.IsType<StringArray>(ArrowArrayNormalizer.Normalize(large.Slice(1, 3)));
        Assert.Equal([null, "", "x"], Enumerable.Range(0, 3).Select(i => strings.GetString(i)));

        var view = new StringViewArray.Builder().Append("a string longer than twelve bytes").Append("short").AppendNull().Build();
        var fromView = Assert.IsType<StringArray>(ArrowArrayNormalizer.Normalize(view));
        Assert.Equal(["a string longer than twelve bytes", "short", null], Enumerable.Range(0, 3).Select(i => fromView.GetString(i)));

        var binary = new LargeBinaryArray.Builder().Append([1, 2]).AppendNull().Build();
        var bytes = Assert.IsType<BinaryArray>(ArrowArrayNormalizer.Normalize(binary));
        Assert.Equal([1, 2], bytes.GetBytes(0).ToArray());
        Assert.True(bytes.IsNull(1));
    }

    [Theory]
    [InlineData(typeof(ArrowTypes.Int8Type))]
    [InlineData(typeof(ArrowTypes.UInt16Type))]
    [InlineData(typeof(ArrowTypes.Int32Type))]
    [InlineData(typeof(ArrowTypes.Int64Type))]
    public void Normalize_Dictionary_DecodesToStringsKeepingTheIndicesAsCodes(Type indexType)
    {
        var dictionary = Dictionary(indexType, ["b", "a", null, "b", "a"], ["a", "b"]);
        var strings = Assert.IsAssignableFrom<StringArray>(ArrowArrayNormalizer.Normalize(dictionary.Slice(1, 4)));
        Assert.Equal(["a", null, "b", "a"], Enumerable.Range(0, 4).Select(i => strings.GetString(i)));
        var codes = DictionaryCodes.Of(strings);
        Assert.NotNull(codes);
        Assert.Equal(["a", "b"], Enumerable.Range(0, 2).Select(i => ((StringArray)codes.Dictionary).GetString(i)));
        Assert.Equal(0, codes.Codes.Span[0]);
        Assert.Equal(1, codes.Codes.Span[2]);
    }

    [Fact]
    public void Normalize_DictionaryWithANullEntry_DecodesWithoutCodes()
    {
        var dictionary = Dictionary(typeof(ArrowTypes.Int32Type), ["a", "none", "a"], ["a", null]);
        var strings = Assert.IsType<StringArray>(ArrowArrayNormalizer.Normalize(dictionary));
        Assert.Equal(["a", null, "a"], Enumerable.Range(0, 3).Select(i => strings.GetString(i)));
        Assert.Equal(1, strings.NullCount);
        Assert.Null(DictionaryCodes.Of(strings));
    }

    [Fact]
    public void Normalize_DictionaryIndexOutsideTheDictionary_ThrowsNamingTheRow()
    {
        var indices = new TestArrayBuilder<int>().Append(0).Append(5).Build();
        var values = new StringArray.Builder().Append("a").Build();
        var type = new ArrowTypes.DictionaryType(ArrowTypes.Int32Type.Default, ArrowTypes.StringType.Default, false);
        var dictionary = new DictionaryArray(type, indices, values);
        var error = Assert.Throws<InvalidDataException>(() => ArrowArrayNormalizer.Normalize(dictionary, "d"));
        Assert.Contains("'d', row 1", error.Message);
    }

    [Fact]
    public void Normalize_Timestamps_BecomeMicrosecondsRoundingDown()
    {
        var nanos = Raw(new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Nanosecond, "Asia/Tokyo"), 1_500L, -1_500L);
        var micros = Assert.IsType<TimestampArray>(ArrowArrayNormalizer.Normalize(nanos));
        Assert.True(ArrowTypeMapping.SameType(ArrowTypeMapping.TimestampUtc, micros.Data.DataType));
        Assert.Equal([1L, -2L], micros.Values.ToArray());

        var seconds = Raw(new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Second, (string?)null), 3);
        var naive = (TimestampArray)ArrowArrayNormalizer.Normalize(seconds);
        Assert.True(ArrowTypeMapping.SameType(ArrowTypeMapping.TimestampNaive, naive.Data.DataType));
        Assert.Equal(3_000_000L, naive.Values[0]);

        var zoned = Raw(new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Microsecond, "+07:30"), 42);
        var utc = (TimestampArray)ArrowArrayNormalizer.Normalize(zoned);
        Assert.Equal(ArrowTypeMapping.UtcTimeZone, ((ArrowTypes.TimestampType)utc.Data.DataType).Timezone);
        Assert.Equal(42L, utc.Values[0]);

        var overflow = Raw(new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Second, "UTC"), long.MaxValue / 10);
        Assert.Throws<OverflowException>(() => ArrowArrayNormalizer.Normalize(overflow, "ts"));
    }

    [Fact]
    public void Normalize_CanonicalBatch_ReturnsSameInstance()
    {
        var ints = new TestArrayBuilder<int>().Append(1).Build();
        var batch = new RecordBatch(new Schema([new Field("a", ints.Data.DataType, true)], null), [ints], 1);
        Assert.Same(batch, ArrowArrayNormalizer.Normalize(batch));

        var bytes = new TestArrayBuilder<byte>().Append(1).Build();
        var mixed = new RecordBatch(new Schema([new Field("a", ints.Data.DataType, true), new Field("b", bytes.Data.DataType, false)], null), [ints, bytes], 1);
        var normalized = ArrowArrayNormalizer.Normalize(mixed);
        Assert.Same(ints, normalized.Column(0));
        Assert.Equal(["int32", "int16"], normalized.Schema.FieldsList.Select(f => ArrowTypeMapping.Describe(f.DataType)));
        Assert.False(normalized.Schema.GetFieldByIndex(1).IsNullable);
    }

    private static TimestampArray Raw(ArrowTypes.TimestampType type, params long[] values)
    {
        var builder = new TestArrayBuilder<long>(type);
        foreach (long value in values) builder.Append(value);
        return (TimestampArray)builder.Build();
    }

    /// <summary>A dictionary array of <paramref name="rows"/> (each a dictionary value or "none" for a null row) over <paramref name="entries"/>.</summary>
    private static DictionaryArray Dictionary(Type indexType, string?[] rows, string?[] entries)
    {
        var values = new StringArray.Builder();
        foreach (var entry in entries) values.Append(entry);
        var indexArrowType = (ArrowTypes.IArrowType)indexType.GetField("Default")!.GetValue(null)!;
        var indices = new List<long?>();
        foreach (var row in rows)
        {
            indices.Add(row is null || row == "none" ? (row is null ? null : System.Array.IndexOf(entries, null)) : System.Array.IndexOf(entries, row));
        }
        IArrowArray indexArray = indexArrowType switch
        {
            ArrowTypes.Int8Type => Build(new TestArrayBuilder<sbyte>(), indices, v => (sbyte)v),
            ArrowTypes.UInt16Type => Build(new TestArrayBuilder<ushort>(), indices, v => (ushort)v),
            ArrowTypes.Int32Type => Build(new TestArrayBuilder<int>(), indices, v => (int)v),
            _ => Build(new TestArrayBuilder<long>(), indices, v => v),
        };
        return new DictionaryArray(new ArrowTypes.DictionaryType(indexArrowType, ArrowTypes.StringType.Default, false), indexArray, values.Build());
    }

    private static PrimitiveArray<T> Build<T>(TestArrayBuilder<T> builder, List<long?> values, Func<long, T> convert) where T : unmanaged, IEquatable<T>
    {
        foreach (var value in values) builder.Append(value is { } v ? convert(v) : null);
        return builder.Build();
    }
}
