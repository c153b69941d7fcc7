using System.Text.Json.Nodes;
using Rdd.Sql.Arrow;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>Checks our schema and batches against a table as tests/interop/arrow-json.mjs describes it.</summary>
internal static class JsTableJson
{
    public static void AssertMatches(JsonObject table, Schema schema, IReadOnlyList<RecordBatch> batches, string what)
    {
        Assert.True(table["error"] is null, $"{what}: apache-arrow failed: {table["error"]}");
        Assert.Equal(batches.Sum(b => b.Length), table["numRows"]!.GetValue<int>());
        Assert.Equal(Metadata(table["metadata"]), schema.Metadata.OrderBy(p => p.Key));
        var fields = table["fields"]!.AsArray();
        Assert.Equal(schema.FieldCount, fields.Count);
        for (int i = 0; i < fields.Count; i++)
        {
            var field = fields[i]!;
            var expected = schema.GetField(i);
            Assert.Equal(expected.Name, field["name"]!.GetValue<string>());
            Assert.Equal(JsTypeNames.Of(expected.Type), field["type"]!.GetValue<string>());
            Assert.Equal(expected.IsNullable, field["nullable"]!.GetValue<bool>());
            Assert.Equal(Metadata(field["metadata"]), expected.Metadata.OrderBy(p => p.Key));
            var jsValues = field["values"]!.AsArray().Select(ArrowValues.FromJson).ToList();
            ArrowValues.AssertColumnsEqual(jsValues, ArrowValues.Column(batches, i), $"{what} {expected.Name}");
        }
    }

    /// <summary>Batch lengths apache-arrow reports, for the non-empty batches (it may add or drop empty placeholders).</summary>
    public static int[] NonEmptyBatchLengths(JsonObject table) =>
        [.. table["batches"]!.AsArray().Select(n => n!.GetValue<int>()).Where(n => n > 0)];

    private static IEnumerable<KeyValuePair<string, string>> Metadata(JsonNode? node) =>
        (node?.AsObject() ?? []).Select(p => KeyValuePair.Create(p.Key, p.Value!.GetValue<string>())).OrderBy(p => p.Key);
}
