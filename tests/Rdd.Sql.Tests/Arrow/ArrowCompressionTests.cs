using Apache.Arrow;
using Apache.Arrow.Ipc;
using Rdd.Sql.IO.ArrowFiles;
using Rdd.Sql.Tests.DataFrames;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Arrow IPC bodies compressed with LZ4_FRAME and ZSTD: files pyarrow wrote read through <c>Read.Arrow</c>, and
/// <c>Write.Arrow</c> with <c>Option("compression", …)</c> writes compressed record batches that read back.
/// </summary>
public sealed class ArrowCompressionTests : DataFrameTestBase
{
    public static TheoryData<string> PyArrowFiles => new()
    {
        "ipc_lz4_compression.arrow", "ipc_lz4_compression.arrow_stream", "ipc_zstd_compression.arrow", "ipc_zstd_compression.arrow_stream",
    };

    [Theory]
    [MemberData(nameof(PyArrowFiles))]
    public void Read_FileCompressedByPyArrow_ReadsEveryValue(string name)
    {
        string path = Path.Combine(RepositoryPaths.InteropDirectory, "pyarrow", name);
        var frame = Sql.Read.Arrow(path);
        Assert.Equal("struct<integers:int,floats:float>", frame.Schema.SimpleString);
        var rows = frame.Collect();
        Assert.Equal(Enumerable.Range(0, 100), rows.Select(r => (int)r[0]!));
        Assert.All(rows, r => Assert.Equal(0.1f * (int)r[0]!, (float)r[1]!, 1e-6f));
    }

    public static TheoryData<string?, CompressionCodecType?> Codecs => new()
    {
        { null, null },
        { "none", null },
        { "lz4", CompressionCodecType.Lz4Frame },
        { "LZ4_FRAME", CompressionCodecType.Lz4Frame },
        { "zstd", CompressionCodecType.Zstd },
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Write_CompressionOption_CompressesTheBodiesAndReadsBack(string? option, CompressionCodecType? codec)
    {
        var frame = Sql.CreateDataFrame(Enumerable.Range(0, 5000).Select(i => new
        {
            Id = i,
            Name = i % 7 == 0 ? null : $"name {i % 13}",
            Score = i * 0.5,
            At = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i),
            Bytes = new byte[] { (byte)i, 1 },
        }).ToList());
        string path = TempPath();
        var writer = frame.Write;
        if (option is not null) writer.Option("compression", option);
        writer.Arrow(path);

        var parts = Directory.GetFiles(path, "part-*");
        Assert.NotEmpty(parts);
        foreach (var part in parts)
        {
            Assert.Equal(codec, BodyCodec(part));
        }
        var back = Sql.Read.Arrow(path);
        Assert.Equal(frame.Schema.SimpleString, back.Schema.SimpleString);
        Assert.Equal(Text(frame), Text(back));
    }

    [Fact]
    public void Write_CompressedFiles_AreSmallerThanPlainOnes()
    {
        var frame = Sql.CreateDataFrame(Enumerable.Range(0, 20000).Select(i => new { Id = i % 10, Name = "repeated text " + (i % 5) }).ToList());
        long Size(string? codec)
        {
            string path = TempPath();
            var writer = frame.Write;
            if (codec is not null) writer.Option("compression", codec);
            writer.Arrow(path);
            return Directory.GetFiles(path, "part-*").Sum(f => new FileInfo(f).Length);
        }
        long plain = Size(null);
        Assert.True(Size("lz4") < plain / 2, "lz4 should at least halve a repetitive file");
        Assert.True(Size("zstd") < plain / 2, "zstd should at least halve a repetitive file");
    }

    [Fact]
    public void Write_UnknownCompression_IsRefusedBeforeAnyJob()
    {
        string path = TempPath();
        var error = Assert.Throws<ArgumentException>(() => PeopleFrame().Write.Option("compression", "snappy").Arrow(path));
        Assert.Contains("'snappy'", error.Message);
        Assert.Contains("zstd", error.Message);
        Assert.False(Path.Exists(path));
    }

    [Theory]
    [InlineData(CompressionCodecType.Lz4Frame)]
    [InlineData(CompressionCodecType.Zstd)]
    public void Read_ApacheArrowCompressedFileWithEveryType_MatchesWhatWasWritten(CompressionCodecType codec)
    {
        // Apache.Arrow's writer, used directly, with the types other tools write (unsigned, dictionaries, timestamp units).
        var batch = TestData.AllTypes(300, seed: 3);
        int[] readable = [.. Enumerable.Range(0, batch.ColumnCount).Where(c => batch.Schema.GetFieldByIndex(c).Name is not ("list" or "u64"))];
        var schema = new Schema(readable.Select(batch.Schema.GetFieldByIndex), null);
        var written = new RecordBatch(schema, readable.Select(batch.Column), batch.Length);
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "data.arrow");
        using (var stream = File.Create(file))
        {
            ArrowIpc.WriteFile(stream, schema, [written.Slice(0, 120), written.Slice(120, 180)], codec);
        }
        Assert.Equal(codec, BodyCodec(file));

        var frame = Sql.Read.Arrow(file);
        var batches = frame.Execute().Collect();
        for (int c = 0; c < readable.Length; c++)
        {
            var expected = ArrowValues.Column(Rdd.Sql.Types.ArrowArrayNormalizer.Normalize(written.Column(c)));
            var actual = batches.SelectMany(b => ArrowValues.Column(b.Column(c))).ToList();
            ArrowValues.AssertColumnsEqual(expected, actual, schema.GetFieldByIndex(c).Name);
        }
    }

    /// <summary>The codec of the file's first record batch body (Apache.Arrow refuses it without a codec factory), or null.</summary>
    private static CompressionCodecType? BodyCodec(string file)
    {
        using var plain = ArrowIpc.IsFileFormat(File.ReadAllBytes(file)) ? new ArrowFileReader(File.OpenRead(file)) : new ArrowStreamReader(File.OpenRead(file));
        try
        {
            plain.ReadNextRecordBatch();
            return null;
        }
        catch (Exception e) when (e.Message.Contains("ICompressionCodecFactory"))
        {
            using var stream = File.OpenRead(file);
            using var reader = ArrowIpc.OpenReader(stream);
            var batch = reader.ReadNextRecordBatch();
            Assert.NotNull(batch);
            // Which codec: the bytes of the first compressed buffer start with the codec's frame magic.
            var bytes = File.ReadAllBytes(file);
            return Contains(bytes, [0x04, 0x22, 0x4D, 0x18]) ? CompressionCodecType.Lz4Frame
                : Contains(bytes, [0x28, 0xB5, 0x2F, 0xFD]) ? CompressionCodecType.Zstd
                : throw new InvalidDataException("A compressed body with neither an LZ4 frame nor a ZSTD frame.");
        }
    }

    private static bool Contains(byte[] bytes, byte[] magic) => bytes.AsSpan().IndexOf(magic) >= 0;

    private static List<string> Text(DataFrame frame) =>
        [.. frame.Collect().Select(r => string.Join("|", r.Values.Select(ArrowValues.Show))).Order(StringComparer.Ordinal)];
}
