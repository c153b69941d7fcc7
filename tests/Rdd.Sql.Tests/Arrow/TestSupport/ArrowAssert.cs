using Rdd.Sql.Arrow;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>Compares schemas and batches read back with what was written: names, types, nullability, metadata, nulls, values.</summary>
internal static class ArrowAssert
{
    public static void SchemaEqual(Schema expected, Schema actual)
    {
        Assert.Equal(expected.FieldCount, actual.FieldCount);
        for (int i = 0; i < expected.FieldCount; i++)
        {
            var e = expected.GetField(i);
            var a = actual.GetField(i);
            Assert.Equal(e.Name, a.Name);
            Assert.True(e.Type.Equals(a.Type), $"Field '{e.Name}': type {e.Type} expected, {a.Type} found.");
            Assert.Equal(e.IsNullable, a.IsNullable);
            Assert.Equal(e.Metadata.OrderBy(p => p.Key), a.Metadata.OrderBy(p => p.Key));
        }
        Assert.Equal(expected.Metadata.OrderBy(p => p.Key), actual.Metadata.OrderBy(p => p.Key));
    }

    public static void BatchEqual(RecordBatch expected, RecordBatch actual)
    {
        SchemaEqual(expected.Schema, actual.Schema);
        Assert.Equal(expected.Length, actual.Length);
        for (int c = 0; c < expected.ColumnCount; c++)
        {
            var name = expected.Schema.GetField(c).Name;
            Assert.True(expected.Column(c).NullCount == actual.Column(c).NullCount, $"Column '{name}': null count differs.");
            ArrowValues.AssertColumnsEqual(ArrowValues.Column(expected.Column(c)), ArrowValues.Column(actual.Column(c)), name);
        }
    }
}
