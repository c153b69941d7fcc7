using System.Text.Json.Nodes;
using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Ipc;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Reads Arrow's integration golden files (written by the C++ implementation) in both IPC formats and
/// compares schema and every value of every supported column with the JSON description; checks that the
/// other columns, and files with no supported column, are refused naming their type.
/// </summary>
public class GoldenFileTests
{
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
    public void Golden_SupportedColumns_MatchTheJson(string name, string format)
    {
        var (columns, values) = Verify(name, format);
        Assert.True(columns > 0, $"{name}.{format}: no column compared.");
        Assert.True(values > 0 || name.Contains("no_batches") || name.Contains("zerolength"), $"{name}.{format}: no value compared.");
    }

    [GoldenTheory]
    [MemberData(nameof(CoveredCases))]
    public void Golden_UnlistedColumns_AreRefusedByName(string name, string format)
    {
        var json = IntegrationJson.Load(GoldenFiles.PathOf(name, "json.gz"));
        var bytes = File.ReadAllBytes(GoldenFiles.PathOf(name, format));
        for (int i = 0; i < json.Fields.Count; i++)
        {
            var field = json.Fields[i]!.AsObject();
            var fieldName = field["name"]!.GetValue<string>();
            if (GoldenFiles.Covered[name].Contains(fieldName))
            {
                continue;
            }
            Assert.Null(IntegrationJson.ExpectedType(field));
            var options = new ArrowReaderOptions { Columns = [i] };
            var error = Assert.Throws<NotSupportedException>(() => ReadSchema(bytes, format, options));
            Assert.Contains($"'{fieldName}'", error.Message);
        }
    }

    [GoldenTheory]
    [MemberData(nameof(RefusedCases))]
    public void Golden_FilesWithoutSupportedColumns_AreRefusedNamingTheType(string name, string format)
    {
        var bytes = File.ReadAllBytes(GoldenFiles.PathOf(name, format));
        var error = Assert.Throws<NotSupportedException>(() => ReadSchema(bytes, format, null));
        Assert.Contains(GoldenFiles.Refused[name], error.Message);
    }

    /// <summary>Guards against a vacuous pass: the allowlist must cover enough files, columns and values.</summary>
    [GoldenFact]
    public void Golden_AtLeastEightFilesInBothFormats_AreChecked()
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
        Assert.True(files >= 16, $"Only {files} golden files checked.");
        Assert.True(columns >= 150, $"Only {columns} golden columns checked.");
        Assert.True(values >= 2000, $"Only {values} golden values checked.");
    }

    private static (int Columns, long Values) Verify(string name, string format)
    {
        var json = IntegrationJson.Load(GoldenFiles.PathOf(name, "json.gz"));
        var bytes = File.ReadAllBytes(GoldenFiles.PathOf(name, format));
        var wanted = GoldenFiles.Covered[name];
        int[] selected = [.. Enumerable.Range(0, json.Fields.Count).Where(i => wanted.Contains(json.Fields[i]!["name"]!.GetValue<string>()))];
        Assert.True(selected.Length > 0, $"{name}: none of the allowlisted columns exist.");

        var (schema, batches) = ReadAll(bytes, format, new ArrowReaderOptions { Columns = selected });

        Assert.Equal(IntegrationJson.Metadata(json.SchemaMetadata), schema.Metadata);
        for (int k = 0; k < selected.Length; k++)
        {
            var expected = json.Fields[selected[k]]!.AsObject();
            var actual = schema.GetField(k);
            Assert.Equal(expected["name"]!.GetValue<string>(), actual.Name);
            Assert.Equal(expected["nullable"]!.GetValue<bool>(), actual.IsNullable);
            Assert.Equal(IntegrationJson.ExpectedType(expected), actual.Type);
            Assert.Equal(IntegrationJson.Metadata(expected["metadata"]), actual.Metadata);
        }

        Assert.Equal(json.Batches.Count, batches.Count);
        long values = 0;
        for (int b = 0; b < batches.Count; b++)
        {
            Assert.Equal(json.Batches[b]!["count"]!.GetValue<int>(), batches[b].Length);
            for (int k = 0; k < selected.Length; k++)
            {
                var expected = json.Values(b, selected[k]);
                var column = batches[b].Column(k);
                ArrowValues.AssertColumnsEqual(expected, ArrowValues.Column(column), $"{name}.{format} batch {b} {schema.GetField(k).Name}");
                Assert.Equal(expected.Count(v => v is null), column.NullCount + NullDictionaryEntriesUsed(column));
                values += expected.Count;
            }
        }
        return (selected.Length, values);
    }

    /// <summary>Rows with a valid index pointing at a null dictionary entry: null values, yet not in NullCount.</summary>
    private static int NullDictionaryEntriesUsed(ArrowArray column) =>
        column is DictionaryArray dictionary
            ? Enumerable.Range(0, dictionary.Length).Count(i => dictionary.IsValid(i) && dictionary.GetString(i) is null)
            : 0;

    private static (Schema Schema, List<RecordBatch> Batches) ReadAll(byte[] bytes, string format, ArrowReaderOptions options)
    {
        var batches = new List<RecordBatch>();
        if (format == "arrow_file")
        {
            using var reader = new ArrowFileReader(bytes.AsMemory(), options);
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                batches.Add(batch);
            }
            return (reader.Schema, batches);
        }
        using var streamReader = new ArrowStreamReader(bytes.AsMemory(), options);
        while (streamReader.ReadNextRecordBatch() is { } batch)
        {
            batches.Add(batch);
        }
        return (streamReader.Schema, batches);
    }

    private static Schema ReadSchema(byte[] bytes, string format, ArrowReaderOptions? options)
    {
        if (format == "arrow_file")
        {
            using var reader = new ArrowFileReader(bytes.AsMemory(), options);
            return reader.Schema;
        }
        using var streamReader = new ArrowStreamReader(bytes.AsMemory(), options);
        return streamReader.Schema;
    }
}
