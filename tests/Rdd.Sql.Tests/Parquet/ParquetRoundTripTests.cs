using ParquetSharp;
using Rdd.Sql.Tests.DataFrames;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Parquet;

/// <summary>
/// <c>Write.Parquet</c> then <c>Read.Parquet</c> gives back the frame: every type, nulls, empty partitions,
/// nullability; the files are what Spark writes (part names, codecs, Parquet types checked in the footer with
/// Arrow's C++ reader through ParquetSharp's low-level API).
/// </summary>
public sealed class ParquetRoundTripTests : DataFrameTestBase
{
    [Fact]
    public void Write_then_read_gives_back_every_type_with_nulls()
    {
        var rows = ParquetTestData.AllTypesRows(50);
        var frame = ParquetTestData.Frame(Sql, ParquetTestData.AllTypesSchema, rows, 3);
        string path = TempPath();
        frame.Write.Parquet(path);

        var read = Sql.Read.Parquet(path);

        Assert.Equal(ParquetTestData.AllTypesSchema, read.Schema);
        Assert.Equal(ParquetTestData.Canonical(frame.Collect()), ParquetTestData.Canonical(read.Collect()));
        Assert.Equal(3, Directory.GetFiles(path, "part-*.snappy.parquet").Length);
        Assert.True(File.Exists(Path.Combine(path, "_SUCCESS")));
    }

    [Fact]
    public void Empty_partitions_write_valid_empty_parts()
    {
        var rows = ParquetTestData.AllTypesRows(6);
        // Three partitions of two rows; the filter empties the first.
        var frame = ParquetTestData.Frame(Sql, ParquetTestData.AllTypesSchema, rows, 3).Where(Col("id") >= 2);
        string path = TempPath();
        frame.Write.Parquet(path);

        var parts = Directory.GetFiles(path, "part-*").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(3, parts.Length);
        using (var empty = new ParquetFileReader(parts[0]))
        {
            using var metaData = empty.FileMetaData;
            Assert.Equal(0, metaData.NumRows);
            Assert.Equal(ParquetTestData.AllTypesSchema.Count, metaData.NumColumns);
        }
        var read = Sql.Read.Parquet(path);
        Assert.Equal(ParquetTestData.Canonical(frame.Collect()), ParquetTestData.Canonical(read.Collect()));
        Assert.Equal(4, read.Count());
        // A folder of only empty parts still has the schema.
        string emptyPath = TempPath();
        ParquetTestData.Frame(Sql, ParquetTestData.AllTypesSchema, rows, 2).Where(Col("id") > 100).Write.Parquet(emptyPath);
        var none = Sql.Read.Parquet(emptyPath);
        Assert.Equal(ParquetTestData.AllTypesSchema, none.Schema);
        Assert.Empty(none.Collect());
    }

    [Fact]
    public void Footer_holds_Sparks_parquet_types()
    {
        string path = TempPath();
        ParquetTestData.Frame(Sql, ParquetTestData.AllTypesSchema, ParquetTestData.AllTypesRows(8), 1).Write.Parquet(path);
        using var reader = new ParquetFileReader(Directory.GetFiles(path, "part-*")[0]);
        using var metaData = reader.FileMetaData;
        var schema = metaData.Schema;
        var described = Enumerable.Range(0, schema.NumColumns).ToDictionary(
            c => schema.Column(c).Name,
            c =>
            {
                var column = schema.Column(c);
                using var logical = column.LogicalType;
                using var node = column.SchemaNode;
                return $"{node.Repetition} {column.PhysicalType} {logical}";
            });
        Assert.StartsWith("Required Int32", described["id"]);
        Assert.Equal("Optional Int32 Int(bitWidth=8, isSigned=true)", described["b"]);
        Assert.Equal("Optional Int32 Int(bitWidth=16, isSigned=true)", described["s"]);
        Assert.StartsWith("Optional Int64", described["l"]);
        Assert.StartsWith("Optional Float", described["f"]);
        Assert.StartsWith("Optional Double", described["d"]);
        Assert.StartsWith("Optional Boolean", described["bool"]);
        Assert.Equal("Optional ByteArray String", described["str"]);
        Assert.Equal("Optional ByteArray None", described["bin"]);
        Assert.Equal("Optional Int32 Date", described["date"]);
        Assert.Equal("Optional Int64 Timestamp(isAdjustedToUTC=true, timeUnit=microseconds, is_from_converted_type=false, force_set_converted_type=false)", described["ts"]);
        Assert.Equal("Optional Int64 Timestamp(isAdjustedToUTC=false, timeUnit=microseconds, is_from_converted_type=false, force_set_converted_type=false)", described["ts_ntz"]);
    }

    [Theory]
    [InlineData(null, Compression.Snappy, ".snappy.parquet")]
    [InlineData("snappy", Compression.Snappy, ".snappy.parquet")]
    [InlineData("ZSTD", Compression.Zstd, ".zstd.parquet")]
    [InlineData("gzip", Compression.Gzip, ".gz.parquet")]
    [InlineData("none", Compression.Uncompressed, ".parquet")]
    [InlineData("uncompressed", Compression.Uncompressed, ".parquet")]
    [InlineData("lz4_raw", Compression.Lz4, ".lz4raw.parquet")]
    [InlineData("brotli", Compression.Brotli, ".br.parquet")]
    public void Compression_option_sets_the_codec_and_the_part_names(string? codec, Compression expected, string extension)
    {
        var frame = ParquetTestData.Frame(Sql, ParquetTestData.AllTypesSchema, ParquetTestData.AllTypesRows(20), 2);
        string path = TempPath();
        var writer = frame.Write;
        if (codec is not null) writer.Option("compression", codec);
        writer.Parquet(path);

        var parts = Directory.GetFiles(path, "part-*");
        Assert.Equal(2, parts.Length);
        foreach (string part in parts)
        {
            Assert.Matches(@"^part-\d{5}" + System.Text.RegularExpressions.Regex.Escape(extension) + "$", Path.GetFileName(part));
            using var reader = new ParquetFileReader(part);
            using var rowGroup = reader.RowGroup(0);
            for (int c = 0; c < ParquetTestData.AllTypesSchema.Count; c++)
            {
                using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(c);
                Assert.Equal(expected, chunk.Compression);
            }
        }
        Assert.Equal(ParquetTestData.Canonical(frame.Collect()), ParquetTestData.Canonical(Sql.Read.Parquet(path).Collect()));
    }

    [Fact]
    public void Unknown_codec_is_refused_naming_it()
    {
        var frame = PeopleFrame();
        var error = Assert.Throws<ArgumentException>(() => frame.Write.Option("compression", "lzma").Parquet(TempPath()));
        Assert.Contains("lzma", error.Message);
        Assert.Contains("zstd", error.Message);
    }

    [Fact]
    public void Block_size_option_cuts_row_groups()
    {
        // One partition of 20 000 rows arrives as three batches (8 192 rows each at most); a tiny block size closes a
        // row group after each.
        var frame = Sql.CreateDataFrame(Context.Parallelize(Enumerable.Range(0, 20_000).Select(i => new Reading(i, i * 0.5, $"s{i % 7}")), 1));
        string path = TempPath();
        frame.Write.Option("parquet.block.size", "1").Parquet(path);
        using (var reader = new ParquetFileReader(Directory.GetFiles(path, "part-*")[0]))
        using (var metaData = reader.FileMetaData)
        {
            Assert.Equal(20_000, metaData.NumRows);
            Assert.Equal(3, metaData.NumRowGroups);
        }
        string whole = TempPath();
        frame.Write.Parquet(whole);
        using (var reader = new ParquetFileReader(Directory.GetFiles(whole, "part-*")[0]))
        using (var metaData = reader.FileMetaData)
        {
            Assert.Equal(1, metaData.NumRowGroups);
        }
        Assert.Equal(ParquetTestData.Canonical(frame.Collect()), ParquetTestData.Canonical(Sql.Read.Parquet(path).Collect()));
        Assert.Throws<ArgumentException>(() => PeopleFrame().Write.Option("parquet.block.size", "-3").Parquet(TempPath()));
    }

    [Fact]
    public void Append_adds_parts_named_before_their_extension()
    {
        string path = TempPath();
        PeopleFrame().Write.Parquet(path);
        PeopleFrame().Write.Mode("append").Parquet(path);
        var names = Directory.GetFiles(path, "part-*").Select(Path.GetFileName).ToArray();
        Assert.Contains(names, n => System.Text.RegularExpressions.Regex.IsMatch(n!, @"^part-\d{5}-[0-9a-f]{32}\.snappy\.parquet$"));
        Assert.Equal(2 * People.Length, Sql.Read.Parquet(path).Count());
    }

    public sealed record Reading(long Id, double Value, string Sensor);
}
