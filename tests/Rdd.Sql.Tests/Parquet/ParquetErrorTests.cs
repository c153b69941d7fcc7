using ParquetSharp;
using Rdd.Sql.Tests.DataFrames;

namespace Rdd.Sql.Tests.Parquet;

/// <summary>Bad input fails with a message naming the file (and the column where one is at fault).</summary>
public sealed class ParquetErrorTests : DataFrameTestBase
{
    public sealed record Item(int X, string Name);

    public sealed record OtherItem(string X, string Name);

    private string Folder()
    {
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public void A_file_that_is_not_parquet_is_refused_naming_it()
    {
        string file = Path.Combine(Folder(), "data.parquet");
        File.WriteAllText(file, "id,name\n1,a\n");
        var error = Assert.Throws<InvalidDataException>(() => Sql.Read.Parquet(file));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_is_refused_naming_it()
    {
        string written = TempPath();
        Sql.CreateDataFrame(Context.Parallelize(Enumerable.Range(0, 100).Select(i => new Item(i, $"n{i}")), 1)).Write.Parquet(written);
        string part = Directory.GetFiles(written, "part-*")[0];
        string file = Path.Combine(Folder(), "cut.parquet");
        var bytes = File.ReadAllBytes(part);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => Sql.Read.Parquet(file));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_damaged_inside_its_data_fails_the_read_naming_it()
    {
        string written = TempPath();
        Sql.CreateDataFrame(Context.Parallelize(Enumerable.Range(0, 1000).Select(i => new Item(i, $"name number {i}")), 1))
            .Write.Option("compression", "none").Parquet(written);
        string file = Directory.GetFiles(written, "part-*")[0];
        // Overwrite the first data page (after the 4-byte magic), keeping the footer intact.
        var bytes = File.ReadAllBytes(file);
        for (int i = 4; i < 200; i++) bytes[i] = 0xFF;
        File.WriteAllBytes(file, bytes);

        var frame = Sql.Read.Parquet(written);
        var error = Assert.ThrowsAny<Exception>(() => frame.Collect());
        Assert.Contains(file, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parts_with_another_type_fail_naming_the_file()
    {
        string folder = Folder();
        Sql.CreateDataFrame([new Item(1, "a")]).Write.Parquet(Path.Combine(folder, "a"));
        Sql.CreateDataFrame([new OtherItem("x", "b")]).Write.Parquet(Path.Combine(folder, "b"));
        string glob = Path.Combine(folder, "*", "part-*");

        // The schema is the first file's, as Spark's (no merging by default).
        var frame = Sql.Read.Parquet(glob);
        Assert.Equal(DataTypes.Integer, frame.Schema["X"].DataType);
        var error = Assert.Throws<InvalidDataException>(() => frame.Collect());
        Assert.Contains(Path.Combine(folder, "b"), error.Message, StringComparison.Ordinal);
        Assert.Contains("'X'", error.Message, StringComparison.Ordinal);
        Assert.Contains("string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parts_without_a_column_fail_naming_the_file()
    {
        string folder = Folder();
        Sql.CreateDataFrame([new Item(1, "a")]).Write.Parquet(Path.Combine(folder, "a"));
        Sql.CreateDataFrame([new Item(2, "b")]).Select("Name").Write.Parquet(Path.Combine(folder, "b"));
        var frame = Sql.Read.Parquet(Path.Combine(folder, "*", "part-*"));
        var error = Assert.Throws<InvalidDataException>(() => frame.Collect());
        Assert.Contains(Path.Combine(folder, "b"), error.Message, StringComparison.Ordinal);
        Assert.Contains("no column 'X'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_columns_read_as_not_nullable_and_optional_ones_as_nullable()
    {
        string path = TempPath();
        Sql.CreateDataFrame([new Item(1, "a")]).Write.Parquet(path);
        var schema = Sql.Read.Parquet(path).Schema;
        Assert.False(schema["X"].Nullable);
        Assert.True(schema["Name"].Nullable);
    }

    [Fact]
    public void A_reader_schema_reads_its_columns_by_name_and_checks_their_types()
    {
        string path = TempPath();
        Sql.CreateDataFrame([new Item(1, "a"), new Item(2, "b")]).Write.Parquet(path);

        var frame = Sql.Read.Schema("Name STRING, X INT").Parquet(path);
        Assert.Equal(["Name", "X"], frame.Schema.FieldNames);
        Assert.Equal(["a|1", "b|2"], ParquetTestData.Canonical(frame.Collect()));

        var wrongType = Assert.Throws<AnalysisException>(() => Sql.Read.Schema("X BIGINT").Parquet(path));
        Assert.Contains("`X`", wrongType.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<AnalysisException>(() => Sql.Read.Schema("Y INT").Parquet(path));
        Assert.Contains("`Y`", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Int96_timestamps_read_as_utc_timestamps()
    {
        // INT96: nanoseconds of the day (8 bytes, little-endian) then the Julian day (4 bytes), as Impala and old Spark wrote.
        var instant = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(6_789_010);
        long nanosOfDay = (instant.Ticks - instant.Date.Ticks) * 100;
        int julianDay = (int)(instant.Date - DateTime.UnixEpoch).TotalDays + 2_440_588;
        string file = Path.Combine(Folder(), "int96.parquet");
        using (var writer = new ParquetFileWriter(file, [new Column<Int96?>("ts")]))
        {
            using var rowGroup = writer.AppendRowGroup();
            using var column = rowGroup.NextColumn().LogicalWriter<Int96?>();
            column.WriteBatch([new Int96((int)nanosOfDay, (int)(nanosOfDay >> 32), julianDay), null]);
            writer.Close();
        }

        var frame = Sql.Read.Parquet(file);
        Assert.Equal(DataTypes.Timestamp, frame.Schema["ts"].DataType);
        var values = frame.Collect().Select(r => r[0]).ToList();
        Assert.Equal(2, values.Count);
        Assert.Contains(null, values);
        var value = (DateTime)values.Single(v => v is not null)!;
        Assert.Equal(instant, value.ToUniversalTime());
    }
}
