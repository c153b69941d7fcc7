using Rdd.Sql.Arrow;
using Rdd.Sql.Types;
using ArrowTypes = Rdd.Sql.Arrow.Types;

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
        var builder = new PrimitiveArray<byte>.Builder();
        foreach (var value in values)
        {
            builder.Append(value);
        }
        var source = builder.Build().Slice(offset, length);

        var widened = Assert.IsType<PrimitiveArray<short>>(ArrowArrayNormalizer.Normalize(source));
        Assert.Equal(ArrowTypes.Int16Type.Default, widened.Type);
        Assert.Equal(values.Skip(offset).Take(length).Select(v => (short?)v), Enumerable.Range(0, length).Select(widened.GetValue));
    }

    [Fact]
    public void Normalize_UInt32AndUInt16_Widen()
    {
        var uint32 = new PrimitiveArray<uint>.Builder().Append(uint.MaxValue).AppendNull().Build();
        var int64 = Assert.IsType<PrimitiveArray<long>>(ArrowArrayNormalizer.Normalize(uint32));
        Assert.Equal([uint.MaxValue, null], Enumerable.Range(0, 2).Select(int64.GetValue));

        var uint16 = new PrimitiveArray<ushort>.Builder().Append(ushort.MaxValue).Build();
        Assert.Equal(ushort.MaxValue, Assert.IsType<PrimitiveArray<int>>(ArrowArrayNormalizer.Normalize(uint16)).GetValue(0));
    }

    [Fact]
    public void Normalize_UInt64BeyondLong_ThrowsOverflow()
    {
        var fits = new PrimitiveArray<ulong>.Builder().Append(long.MaxValue).Build();
        Assert.Equal(long.MaxValue, ((PrimitiveArray<long>)ArrowArrayNormalizer.Normalize(fits)).GetValue(0));

        var tooBig = new PrimitiveArray<ulong>.Builder().Append(1).Append((ulong)long.MaxValue + 1).Build();
        var error = Assert.Throws<OverflowException>(() => ArrowArrayNormalizer.Normalize(tooBig));
        Assert.Contains("9223372036854775808", error.Message);
    }

    [Fact]
    public void Normalize_Dictionary_DecodesToStrings()
    {
        var dictionary = new DictionaryArray.Builder().Append("b").Append("a").AppendNull().Append("b").Build();
        var strings = Assert.IsType<StringArray>(ArrowArrayNormalizer.Normalize(dictionary.Slice(1, 3)));
        Assert.Equal(["a", null, "b"], Enumerable.Range(0, 3).Select(strings.GetString));
    }

    [Fact]
    public void Normalize_Timestamps_BecomeMicrosecondsRoundingDown()
    {
        var nanos = new TimestampArray.Builder(new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Nanosecond, "Asia/Tokyo"))
            .Append(1_500L).Append(-1_500L).Build();
        var micros = Assert.IsType<TimestampArray>(ArrowArrayNormalizer.Normalize(nanos));
        Assert.Equal(ArrowTypeMapping.TimestampUtc, micros.Type);
        Assert.Equal([1L, -2L], micros.Values.ToArray());

        var seconds = new TimestampArray.Builder(new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Second)).Append(3).Build();
        var naive = (TimestampArray)ArrowArrayNormalizer.Normalize(seconds);
        Assert.Equal(ArrowTypeMapping.TimestampNaive, naive.Type);
        Assert.Equal(3_000_000L, naive.Values[0]);
    }

    [Fact]
    public void Normalize_CanonicalBatch_ReturnsSameInstance()
    {
        var ints = new PrimitiveArray<int>.Builder().Append(1).Build();
        var batch = new RecordBatch(new Schema([new Field("a", ints.Type, true)]), [ints], 1);
        Assert.Same(batch, ArrowArrayNormalizer.Normalize(batch));

        var bytes = new PrimitiveArray<byte>.Builder().Append(1).Build();
        var mixed = new RecordBatch(new Schema([new Field("a", ints.Type, true), new Field("b", bytes.Type, false)]), [ints, bytes], 1);
        var normalized = ArrowArrayNormalizer.Normalize(mixed);
        Assert.Same(ints, normalized.Column(0));
        Assert.Equal("a: int32, b: int16 not null", normalized.Schema.ToString());
    }
}
