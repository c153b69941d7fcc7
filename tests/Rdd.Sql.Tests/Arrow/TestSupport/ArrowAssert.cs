using Apache.Arrow;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>Compares schemas and batches read back with what was written: names, types, nullability, metadata, nulls, values.</summary>
internal static class ArrowAssert
{
    public static void SchemaEqual(Schema expected, Schema actual)
    {
        Assert.Equal(expected.FieldsList.Count, actual.FieldsList.Count);
        for (int i = 0; i < expected.FieldsList.Count; i++)
        {
            var e = expected.GetFieldByIndex(i);
            var a = actual.GetFieldByIndex(i);
            Assert.Equal(e.Name, a.Name);
            Assert.True(ArrowTypeMapping.SameType(e.DataType, a.DataType),
                $"Field '{e.Name}': type {ArrowTypeMapping.Describe(e.DataType)} expected, {ArrowTypeMapping.Describe(a.DataType)} found.");
            Assert.Equal(e.IsNullable, a.IsNullable);
            Assert.Equal(Pairs(e.Metadata), Pairs(a.Metadata));
        }
        Assert.Equal(Pairs(expected.Metadata), Pairs(actual.Metadata));
    }

    public static void BatchEqual(RecordBatch expected, RecordBatch actual)
    {
        SchemaEqual(expected.Schema, actual.Schema);
        Assert.Equal(expected.Length, actual.Length);
        for (int c = 0; c < expected.ColumnCount; c++)
        {
            var name = expected.Schema.GetFieldByIndex(c).Name;
            Assert.True(expected.Column(c).NullCount == actual.Column(c).NullCount, $"Column '{name}': null count differs.");
            ArrowValues.AssertColumnsEqual(ArrowValues.Column(expected.Column(c)), ArrowValues.Column(actual.Column(c)), name);
        }
    }

    private static List<KeyValuePair<string, string>> Pairs(IReadOnlyDictionary<string, string>? metadata) =>
        [.. (metadata ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal)];
}
