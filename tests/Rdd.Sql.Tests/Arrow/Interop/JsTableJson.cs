using System.Globalization;
using System.Text.Json.Nodes;
using Apache.Arrow;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>Compares tables as tests/interop/arrow-json.mjs describes them with what Rdd wrote or read.</summary>
internal static class JsTableJson
{
    /// <summary>apache-arrow read what Rdd wrote: same rows, names, types, nullability and values.</summary>
    public static void AssertMatches(JsonObject table, Schema schema, IReadOnlyList<RecordBatch> batches, string what)
    {
        Assert.True(table["error"] is null, $"{what}: apache-arrow failed: {table["error"]}");
        Assert.Equal(batches.Sum(b => b.Length), table["numRows"]!.GetValue<int>());
        var fields = table["fields"]!.AsArray();
        Assert.Equal(schema.FieldsList.Count, fields.Count);
        for (int i = 0; i < fields.Count; i++)
        {
            var field = fields[i]!;
            var expected = schema.GetFieldByIndex(i);
            Assert.Equal(expected.Name, field["name"]!.GetValue<string>());
            Assert.Equal(JsTypeNames.Of(expected.DataType), field["type"]!.GetValue<string>());
            Assert.Equal(expected.IsNullable, field["nullable"]!.GetValue<bool>());
            var jsValues = field["values"]!.AsArray().Select(ArrowValues.FromJson).ToList();
            ArrowValues.AssertColumnsEqual(jsValues, [.. batches.SelectMany(b => ArrowValues.Column(b.Column(i)))], $"{what} {expected.Name}");
        }
    }

    /// <summary>
    /// The values of a column apache-arrow wrote, as Rdd must read them in the canonical form of
    /// <see cref="ArrowValues"/>: unsigned integers widened (uint32 and uint64 to bigint), float16 as float, date64
    /// milliseconds as days, timestamps of every unit as microseconds (nanoseconds rounded toward the past).
    /// </summary>
    public static List<object?> SqlValues(JsonObject field)
    {
        string type = field["type"]!.GetValue<string>();
        return [.. field["values"]!.AsArray().Select(node => node is null ? null : SqlValue(type, node))];
    }

    private static object? SqlValue(string type, JsonNode node)
    {
        if (type == "Uint32")
        {
            return node.GetValue<double>().ToString(CultureInfo.InvariantCulture);
        }
        if (type is "Float16" or "Float32")
        {
            return (double)(float)node.GetValue<double>();
        }
        if (type == "Date64<MILLISECOND>")
        {
            return (double)FloorDivide(long.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture), TimeSpan.MillisecondsPerDay);
        }
        if (type.StartsWith("Timestamp<", StringComparison.Ordinal))
        {
            long value = long.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);
            long micros = type["Timestamp<".Length..].Split(',', '>')[0] switch
            {
                "SECOND" => value * 1_000_000,
                "MILLISECOND" => value * 1_000,
                "MICROSECOND" => value,
                _ => FloorDivide(value, 1_000),
            };
            return micros.ToString(CultureInfo.InvariantCulture);
        }
        return ArrowValues.FromJson(node);
    }

    private static long FloorDivide(long value, long divisor) => Math.DivRem(value, divisor, out long remainder) - (remainder < 0 ? 1 : 0);
}
