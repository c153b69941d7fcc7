namespace Rdd.Sql.Tests.DataFrames;

public sealed class CreateDataFrameTests : DataFrameTestBase
{
    public sealed class AllTypes
    {
        public long L;
        public short? S { get; init; }
        public sbyte B { get; init; }
        public float? F { get; init; }
        public bool? Flag { get; init; }
        public DateOnly? Day { get; init; }
        public DateTime? At { get; init; }
        public byte[]? Bytes { get; init; }
        public string? Text { get; init; }
    }

    [Fact]
    public void EveryTypeWithNullsRoundTrips()
    {
        var items = Enumerable.Range(0, 1000).Select(i => new AllTypes
        {
            L = i * 1_000_000_000L,
            S = i % 3 == 0 ? null : (short)i,
            B = (sbyte)(i % 100),
            F = i % 5 == 0 ? null : i / 4f,
            Flag = i % 7 == 0 ? null : i % 2 == 0,
            Day = i % 11 == 0 ? null : new DateOnly(2000, 1, 1).AddDays(i),
            At = i % 13 == 0 ? null : new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i),
            Bytes = i % 17 == 0 ? null : [(byte)i, 1],
            Text = i % 19 == 0 ? null : "t" + i,
        }).ToList();
        var df = Sql.CreateDataFrame(items);
        Assert.Equal(
            ["At:timestamp", "B:tinyint", "Bytes:binary", "Day:date", "F:float", "Flag:boolean", "L:bigint", "S:smallint", "Text:string"],
            df.Schema.Fields.Select(f => $"{f.Name}:{f.DataType.SimpleString}").Order(StringComparer.Ordinal));
        Assert.True(df.Schema["L"].Nullable is false);
        Assert.True(df.Schema["S"].Nullable);
        var rows = df.Collect();
        Assert.Equal(1000, rows.Length);
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var row = rows[i];
            Assert.Equal(item.L, row["L"]);
            Assert.Equal(item.S, (short?)row["S"]);
            Assert.Equal(item.B, row["B"]);
            Assert.Equal(item.F, (float?)row["F"]);
            Assert.Equal(item.Flag, (bool?)row["Flag"]);
            Assert.Equal(item.Day, (DateOnly?)row["Day"]);
            Assert.Equal(item.At, (DateTime?)row["At"]);
            Assert.Equal(item.Bytes, (byte[]?)row["Bytes"]);
            Assert.Equal(item.Text, row["Text"]);
        }
    }

    [Fact]
    public void EmptyInputHasSchemaAndNoRows()
    {
        var df = Sql.CreateDataFrame(Array.Empty<Person>());
        Assert.Equal(5, df.Columns.Length);
        Assert.Empty(df.Collect());
        Assert.Equal(0, df.Count());
        Assert.Equal("+---+----+---+-----+----+\n| Id|Name|Age|Score|Dept|\n+---+----+---+-----+----+\n+---+----+---+-----+----+\n", df.ShowString());
    }

    [Fact]
    public void UnsupportedMemberTypeThrows() =>
        Assert.Throws<NotSupportedException>(() => Sql.CreateDataFrame(new[] { new { X = new object() } }));
}
