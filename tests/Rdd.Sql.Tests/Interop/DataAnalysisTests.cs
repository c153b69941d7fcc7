using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Microsoft.Data.Analysis;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Interop;
using Rdd.Sql.Tests.DataFrames;
using Rdd.Sql.Types;
using MdaFrame = Microsoft.Data.Analysis.DataFrame;

namespace Rdd.Sql.Tests.Interop;

/// <summary>
/// <c>ToDataAnalysis()</c> and <c>CreateDataFrame(Microsoft.Data.Analysis.DataFrame)</c>, checked through
/// Microsoft.Data.Analysis' own columns and operations.
/// </summary>
public sealed class DataAnalysisTests : DataFrameTestBase
{
    public sealed class Typed
    {
        public sbyte B { get; init; }
        public short? S { get; init; }
        public int? I { get; init; }
        public long L { get; init; }
        public float? F { get; init; }
        public double? D { get; init; }
        public bool? Flag { get; init; }
        public string? Text { get; init; }
        public DateOnly? Day { get; init; }
        public DateTime? At { get; init; }
    }

    private static List<Typed> TypedRows(int n) => [.. Enumerable.Range(0, n).Select(i => new Typed
    {
        B = (sbyte)(i % 100 - 50),
        S = i % 3 == 0 ? null : (short)(i * 7),
        I = i % 4 == 0 ? null : i * 1000,
        L = i * 10_000_000_000L,
        F = i % 5 == 0 ? null : i / 8f,
        D = i % 6 == 0 ? null : i * 0.25,
        Flag = i % 7 == 0 ? null : i % 3 == 1,
        Text = i % 9 == 0 ? null : "t" + i,
        Day = i % 10 == 0 ? null : new DateOnly(1969, 12, 25).AddDays(i),
        At = i % 11 == 0 ? null : new DateTime(1969, 12, 31, 23, 59, 0, DateTimeKind.Utc).AddSeconds(i * 17.5),
    })];

    [Fact]
    public void EveryTypeBecomesItsColumnWithItsValuesAndNulls()
    {
        var source = TypedRows(1000);
        var df = Sql.CreateDataFrame(source).Where("L >= 0"); // several partitions, concatenated
        var mda = df.ToDataAnalysis();

        Assert.Equal(1000, mda.Rows.Count);
        Assert.Equal(
            ["SByteDataFrameColumn", "Int16DataFrameColumn", "Int32DataFrameColumn", "Int64DataFrameColumn", "SingleDataFrameColumn",
             "DoubleDataFrameColumn", "BooleanDataFrameColumn", "ArrowStringDataFrameColumn", "DateTimeDataFrameColumn", "DateTimeDataFrameColumn"],
            mda.Columns.Select(c => c.GetType().Name));
        Assert.Equal(["B", "S", "I", "L", "F", "D", "Flag", "Text", "Day", "At"], mda.Columns.Select(c => c.Name));
        for (int i = 0; i < source.Count; i++)
        {
            var e = source[i];
            Assert.Equal(e.B, (sbyte?)mda["B"][i]);
            Assert.Equal(e.S, (short?)mda["S"][i]);
            Assert.Equal(e.I, (int?)mda["I"][i]);
            Assert.Equal(e.L, (long?)mda["L"][i]);
            Assert.Equal(e.F, (float?)mda["F"][i]);
            Assert.Equal(e.D, (double?)mda["D"][i]);
            Assert.Equal(e.Flag, (bool?)mda["Flag"][i]);
            Assert.Equal(e.Text, (string?)mda["Text"][i]);
            var day = (DateTime?)mda["Day"][i];
            Assert.Equal(e.Day?.ToDateTime(TimeOnly.MinValue), day);
            var at = (DateTime?)mda["At"][i];
            Assert.Equal(e.At, at);
            if (at is { } t)
            {
                Assert.Equal(DateTimeKind.Utc, t.Kind);
            }
        }
        Assert.Equal(source.Count(r => r.I is null), mda["I"].NullCount);
        Assert.Equal(source.Count(r => r.Text is null), mda["Text"].NullCount);
    }

    [Fact]
    public void ItsOwnOperationsWorkOnTheColumns()
    {
        var mda = Sql.CreateDataFrame(TypedRows(300)).ToDataAnalysis();
        var expected = TypedRows(300);
        Assert.Equal(expected.Where(r => r.I is not null).Sum(r => (double)r.I!.Value), Convert.ToDouble(mda["I"].Sum()));
        Assert.Equal(expected.Count(r => r.Flag == true), mda.Filter((PrimitiveDataFrameColumn<bool>)mda["Flag"].ElementwiseEquals(true)).Rows.Count);
        var t5 = ((ArrowStringDataFrameColumn)mda["Text"]).ElementwiseEquals("t5");
        Assert.Equal(1, Enumerable.Range(0, 300).Count(i => t5[i] == true));
        var sorted = mda.OrderByDescending("L");
        Assert.Equal(299 * 10_000_000_000L, (long?)sorted["L"][0]);
    }

    [Fact]
    public void TimestampNtzValuesAreUnspecifiedWallClockTimes()
    {
        var df = Sql.Range(3).SelectExpr("cast('2024-03-10 12:34:56.789' as timestamp_ntz) as t", "id");
        var mda = df.ToDataAnalysis();
        var t = (DateTime)mda["t"][0]!;
        Assert.Equal(new DateTime(2024, 3, 10, 12, 34, 56, 789, DateTimeKind.Unspecified), t);
        Assert.Equal(DateTimeKind.Unspecified, t.Kind);
    }

    [Fact]
    public void OneBatchIsWrappedWithoutACopy()
    {
        var values = KernelArrays.AllocateValues<int>(5);
        new[] { 1, 2, 3, 4, 5 }.CopyTo(KernelArrays.AsSpan<int>(values));
        var array = KernelArrays.Fixed(DataTypes.Integer, values, null, 5);
        var schema = new StructType(new StructField("x", DataTypes.Integer, false));
        var batch = new RecordBatch(ArrowTypeMapping.ToArrowSchema(schema), [array], 5);

        var mda = DataAnalysisExport.Export(schema, [batch]);

        var wrapped = ((Int32DataFrameColumn)mda["x"]).GetReadOnlyDataBuffers().Single();
        Assert.True(Unsafe.AreSame(
            ref MemoryMarshal.GetReference(wrapped.Span), ref MemoryMarshal.GetReference(KernelArrays.AsSpan<int>(values))));
    }

    [Fact]
    public void ASliceStartingMidByteKeepsItsNulls()
    {
        var validity = new byte[2];
        var values = KernelArrays.AllocateValues<long>(16);
        for (int i = 0; i < 16; i++)
        {
            KernelArrays.AsSpan<long>(values)[i] = i;
            if (i % 5 != 0)
            {
                validity[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
        var array = ((ArrowArray)KernelArrays.Fixed(DataTypes.Long, values, validity, 16)).Slice(3, 10);
        var schema = new StructType(new StructField("x", DataTypes.Long, true));
        var batch = new RecordBatch(ArrowTypeMapping.ToArrowSchema(schema), [array], 10);

        var column = DataAnalysisExport.Export(schema, [batch])["x"];

        Assert.Equal(Enumerable.Range(3, 10).Select(i => i % 5 == 0 ? (long?)null : i), Enumerable.Range(0, 10).Select(i => (long?)column[i]));
    }

    [Fact]
    public void ABinaryColumnIsRefusedByNameBeforeTheQueryRuns()
    {
        var df = Sql.CreateDataFrame(new[] { new { Id = 1, Blob = new byte[] { 1 } } });
        var e = Assert.Throws<NotSupportedException>(() => df.ToDataAnalysis());
        Assert.Contains("'Blob'", e.Message);
        Assert.Contains("binary", e.Message);
    }

    [Fact]
    public void AnEmptyFrameKeepsItsColumns()
    {
        var mda = Sql.CreateDataFrame(TypedRows(10)).Where("L < 0").ToDataAnalysis();
        Assert.Equal(0, mda.Rows.Count);
        Assert.Equal(10, mda.Columns.Count);
    }

    [Fact]
    public void ItsColumnsBecomeAFrameWithSparkTypes()
    {
        var mda = new MdaFrame(
            new SByteDataFrameColumn("i8", new sbyte?[] { -1, null, 3 }),
            new Int16DataFrameColumn("i16", new short?[] { 1, 2, null }),
            new Int32DataFrameColumn("i32", new int?[] { null, 2, 3 }),
            new Int64DataFrameColumn("i64", new long?[] { long.MinValue, long.MaxValue, null }),
            new SingleDataFrameColumn("f32", new float?[] { 1.5f, null, float.NaN }),
            new DoubleDataFrameColumn("f64", new double?[] { null, -0.5, double.PositiveInfinity }),
            new ByteDataFrameColumn("u8", new byte?[] { 255, 0, null }),
            new UInt16DataFrameColumn("u16", new ushort?[] { ushort.MaxValue, null, 1 }),
            new UInt32DataFrameColumn("u32", new uint?[] { uint.MaxValue, 0, null }),
            new UInt64DataFrameColumn("u64", new ulong?[] { long.MaxValue, null, 0 }),
            new BooleanDataFrameColumn("flag", new bool?[] { true, false, null }),
            new CharDataFrameColumn("ch", new char?[] { 'x', null, 'é' }),
            new StringDataFrameColumn("s", new[] { "a", null, "ü" }),
            new DateTimeDataFrameColumn("at", new DateTime?[]
            {
                new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc), null, new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
            }));

        var df = Sql.CreateDataFrame(mda);

        Assert.Equal(
            "i8:tinyint i16:smallint i32:int i64:bigint f32:float f64:double u8:smallint u16:int u32:bigint u64:bigint flag:boolean ch:string s:string at:timestamp",
            string.Join(' ', df.Schema.Fields.Select(f => $"{f.Name}:{f.DataType.SimpleString}")));
        Assert.All(df.Schema.Fields, f => Assert.True(f.Nullable));
        var rows = df.Collect();
        Assert.Equal(new object?[] { (sbyte)-1, (short)1, null, long.MinValue, 1.5f, null, (short)255, 65535, (long)uint.MaxValue, long.MaxValue, true, "x", "a",
            new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc) }, rows[0].Values);
        Assert.Equal(new object?[] { null, (short)2, 2, long.MaxValue, null, -0.5, (short)0, null, 0L, null, false, null, null, null }, rows[1].Values);
        Assert.Equal(new object?[] { (sbyte)3, null, 3, null, float.NaN, double.PositiveInfinity, null, 1, null, 0L, null, "é", "ü",
            new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc) }, rows[2].Values);
    }

    [Fact]
    public void ManyRowsAreSlicedIntoPartitionsAndKeepTheirOrderAndNulls()
    {
        int n = 10_001;
        var ints = new Int32DataFrameColumn("x", Enumerable.Range(0, n).Select(i => i % 3 == 0 ? (int?)null : i));
        var flags = new BooleanDataFrameColumn("b", Enumerable.Range(0, n).Select(i => i % 5 == 0 ? (bool?)null : i % 2 == 0));
        var df = Sql.CreateDataFrame(new MdaFrame(ints, flags));

        Assert.Equal(Context.DefaultParallelism, df.ToRdd().NumPartitions);
        var rows = df.Collect();
        Assert.Equal(Enumerable.Range(0, n).Select(i => i % 3 == 0 ? (int?)null : i), rows.Select(r => (int?)r[0]));
        Assert.Equal(Enumerable.Range(0, n).Select(i => i % 5 == 0 ? (bool?)null : i % 2 == 0), rows.Select(r => (bool?)r[1]));
        Assert.Equal(n - (n + 2) / 3, df.Where("x IS NOT NULL").Count());
    }

    [Fact]
    public void TheFrameIsACopy()
    {
        var column = new Int32DataFrameColumn("x", new int?[] { 1, 2, 3 });
        var df = Sql.CreateDataFrame(new MdaFrame(column));
        column[0] = 100;
        Assert.Equal([1, 2, 3], df.Collect().Select(r => (int)r[0]!));
    }

    [Fact]
    public void AnUnsignedValueTooBigForBigintIsRefusedNamingColumnAndRow()
    {
        var mda = new MdaFrame(new UInt64DataFrameColumn("big", new ulong?[] { 1, null, ulong.MaxValue }));
        var e = Assert.Throws<OverflowException>(() => Sql.CreateDataFrame(mda));
        Assert.Contains("'big'", e.Message);
        Assert.Contains("row 2", e.Message);
    }

    [Fact]
    public void AColumnTypeWithoutASqlTypeIsRefusedByName()
    {
        var mda = new MdaFrame(new Int32DataFrameColumn("ok", 1), new VBufferDataFrameColumn<float>("vec", 1));
        var e = Assert.Throws<NotSupportedException>(() => Sql.CreateDataFrame(mda));
        Assert.Contains("'vec'", e.Message);
    }

    [Fact]
    public void RoundTripKeepsEveryValue()
    {
        var df = Sql.CreateDataFrame(TypedRows(500));
        var back = Sql.CreateDataFrame(df.ToDataAnalysis());
        var expected = df.Collect();
        var actual = back.Collect();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            // Dates come back as midnight timestamps: Microsoft.Data.Analysis has no date column.
            var e = expected[i].Values.ToArray();
            e[8] = e[8] is DateOnly d ? new DateTime(d.ToDateTime(TimeOnly.MinValue).Ticks, DateTimeKind.Utc) : null;
            Assert.Equal(e, actual[i].Values);
        }
    }

    [Fact]
    public void DecimalsGoBothWaysAtTheirScale()
    {
        var values = new decimal?[] { 1.25m, null, -123456789.123456789m, 0m };
        var df = Sql.Range(4).SelectExpr("id", "cast(case id when 0 then '1.25' when 2 then '-123456789.123456789' when 3 then '0' end as decimal(20,9)) as d");

        var mda = df.ToDataAnalysis();

        Assert.IsType<DecimalDataFrameColumn>(mda["d"]);
        Assert.Equal(values, Enumerable.Range(0, 4).Select(i => (decimal?)mda["d"][i]));
        Assert.Equal(-123456789.123456789m, (decimal?)mda["d"][2]);
        var back = Sql.CreateDataFrame(new MdaFrame(new DecimalDataFrameColumn("d", values)));
        Assert.Equal("decimal(38,18)", back.Schema["d"].DataType.SimpleString);
        Assert.Equal(values, back.Collect().Select(r => (decimal?)r[0]));
    }

    [Fact]
    public void ADecimalTooWideForTheOtherSideIsRefusedNamingColumnAndRow()
    {
        var wide = Sql.Range(2).SelectExpr("cast(case id when 1 then '1234567890123456789012345678901.5' end as decimal(38,1)) as w");
        var e = Assert.Throws<OverflowException>(() => wide.ToDataAnalysis());
        Assert.Contains("'w' row 1", e.Message);

        var big = new MdaFrame(new DecimalDataFrameColumn("m", new decimal?[] { 1m, decimal.MaxValue }));
        var e2 = Assert.Throws<OverflowException>(() => Sql.CreateDataFrame(big));
        Assert.Contains("'m' row 1", e2.Message);
    }
}
