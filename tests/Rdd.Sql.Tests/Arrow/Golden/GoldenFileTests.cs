using Rdd.Core;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Reads Arrow's integration golden files (written by the C++ implementation) in both IPC formats through
/// <c>Read.Arrow</c>, the path users take, and compares every value of every readable column with the JSON
/// description, after the normalization the engine applies (unsigned integers widened, dictionaries decoded,
/// timestamps in microseconds, date64 as days); checks that the other columns, and files with no readable column,
/// are refused naming the column and its type when the frame is created, never in a task.
/// </summary>
public sealed class GoldenFileTests : IDisposable
{
    private readonly RddContext _context = new(new RddConfig { Parallelism = 2 });
    private readonly SqlContext _sql;

    public GoldenFileTests() => _sql = new SqlContext(_context);

    public void Dispose() => _context.Dispose();

    public static IEnumerable<object[]> CoveredCases() =>
        from name in GoldenFiles.Covered.Keys
        from format in GoldenFiles.Formats
        select new object[] { name, format };

    public static IEnumerable<object[]> RefusedCases() =>
        from name in GoldenFiles.Refused.Keys
        from format in GoldenFiles.Formats
        select new object[] { name, format };

    [GoldenTheory]
    [MemberData(nameof(CoveredCases))]
    public void Golden_SupportedColumns_ReadThroughReadArrow_MatchTheJson(string name, string format)
    {
        var (columns, values) = Verify(name, format);
        Assert.True(columns > 0, $"{name}.{format}: no column compared.");
        Assert.True(values > 0 || name.Contains("no_batches") || name.Contains("zerolength"), $"{name}.{format}: no value compared.");
    }

    [GoldenTheory]
    [MemberData(nameof(CoveredCases))]
    public void Golden_UnlistedColumns_AreRefusedByNameWhenTheFrameIsCreated(string name, string format)
    {
        var json = IntegrationJson.Load(GoldenFiles.PathOf(name, "json.gz"));
        string path = GoldenFiles.PathOf(name, format);
        string? firstRefused = null;
        foreach (var field in json.Fields.Select(f => f!.AsObject()))
        {
            var fieldName = field["name"]!.GetValue<string>();
            if (GoldenFiles.Covered[name].Contains(fieldName) || GoldenFiles.IsNested(field))
            {
                continue; // nested columns read as arrays and structs: NestedColumnTests compares them
            }
            firstRefused ??= fieldName;
            if (fieldName == "ints")
            {
                continue; // the second "ints" of duplicate_fieldnames: a read by name finds the first
            }
            Assert.Null(IntegrationJson.ExpectedType(field));
            var schema = new StructType(new StructField(fieldName, DataTypes.String));
            var error = Assert.Throws<NotSupportedException>(() => _sql.Read.Schema(schema).Arrow(path));
            Assert.Contains($"'{fieldName}'", error.Message);
        }
        if (firstRefused is not null)
        {
            // Without a schema, the file's own is refused as a whole, naming its first unreadable column.
            var error = Assert.Throws<NotSupportedException>(() => _sql.Read.Arrow(path));
            Assert.Contains($"Column '{firstRefused}'", error.Message);
        }
    }

    [GoldenTheory]
    [MemberData(nameof(RefusedCases))]
    public void Golden_FilesWithoutSupportedColumns_AreRefusedNamingTheType(string name, string format)
    {
        var error = Assert.Throws<NotSupportedException>(() => _sql.Read.Arrow(GoldenFiles.PathOf(name, format)));
        Assert.Contains(GoldenFiles.Refused[name], error.Message);
        Assert.Contains("Column '", error.Message);
    }

    /// <summary>Guards against a vacuous pass: the allowlist must cover enough files, columns and values.</summary>
    [GoldenFact]
    public void Golden_AtLeastNineFilesInBothFormats_AreChecked()
    {
        int files = 0;
        int columns = 0;
        long values = 0;
        foreach (var name in GoldenFiles.Covered.Keys)
        {
            foreach (var format in GoldenFiles.Formats)
            {
                var (c, v) = Verify(name, format);
                files++;
                columns += c;
                values += v;
            }
        }
        Assert.True(files >= 18, $"Only {files} golden files checked.");
        Assert.True(columns >= 180, $"Only {columns} golden columns checked.");
        Assert.True(values >= 2000, $"Only {values} golden values checked.");
    }

    /// <summary>Reads the covered columns of one golden file with <c>Read.Schema(…).Arrow</c> and compares them with the JSON.</summary>
    private (int Columns, long Values) Verify(string name, string format)
    {
        var json = IntegrationJson.Load(GoldenFiles.PathOf(name, "json.gz"));
        var wanted = GoldenFiles.Covered[name];
        var fields = wanted.Select(column => json.Fields[json.FieldIndex(column)]!.AsObject()).ToList();
        var schema = new StructType(fields.Select(f => new StructField(
            f["name"]!.GetValue<string>(),
            IntegrationJson.ExpectedType(f) ?? throw new InvalidOperationException($"{name}: column {f["name"]} has no SQL type."))));

        var frame = _sql.Read.Schema(schema).Arrow(GoldenFiles.PathOf(name, format));
        Assert.Equal(schema.Fields.Select(f => f.DataType), frame.Schema.Fields.Select(f => f.DataType));
        var batches = frame.Execute().Collect();

        long values = 0;
        for (int k = 0; k < wanted.Length; k++)
        {
            var expected = json.Values(json.FieldIndex(wanted[k]));
            var actual = batches.SelectMany(b => ArrowValues.Column(b.Column(k))).ToList();
            ArrowValues.AssertColumnsEqual(expected, actual, $"{name}.{format} {wanted[k]}");
            values += expected.Count;
        }
        return (wanted.Length, values);
    }
}
