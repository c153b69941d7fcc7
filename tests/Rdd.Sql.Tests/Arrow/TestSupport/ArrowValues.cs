using System.Globalization;
using System.Text.Json.Nodes;
using Apache.Arrow;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Values of Apache.Arrow arrays in one canonical, comparable form, the same one tests/interop/arrow-json.mjs
/// prints: double for 8-32 bit integers, floats and date32 days; invariant strings for 64-bit integers and raw
/// timestamps; lowercase hex for binary; strings for utf8 and dictionaries; lists of doubles; null.
/// </summary>
internal static class ArrowValues
{
    public static object? Get(IArrowArray array, int index)
    {
        if (array.IsNull(index))
        {
            return null;
        }
        return array switch
        {
            TimestampArray timestamps => timestamps.Values[index].ToString(CultureInfo.InvariantCulture),
            Date32Array dates => (double)dates.Values[index],
            PrimitiveArray<sbyte> a => (double)a.Values[index],
            PrimitiveArray<short> a => (double)a.Values[index],
            PrimitiveArray<int> a => (double)a.Values[index],
            PrimitiveArray<long> a => a.Values[index].ToString(CultureInfo.InvariantCulture),
            PrimitiveArray<byte> a => (double)a.Values[index],
            PrimitiveArray<ushort> a => (double)a.Values[index],
            PrimitiveArray<uint> a => (double)a.Values[index],
            PrimitiveArray<ulong> a => a.Values[index].ToString(CultureInfo.InvariantCulture),
            PrimitiveArray<float> a => (double)a.Values[index],
            PrimitiveArray<double> a => a.Values[index],
            BooleanArray a => a.GetValue(index),
            StringArray a => a.GetString(index),
            BinaryArray a => Convert.ToHexStringLower(a.GetBytes(index)),
            DictionaryArray a => Get(a.Dictionary, ((Int32Array)a.Indices).Values[index]),
            ListArray a => Enumerable.Range(a.ValueOffsets[index], a.GetValueLength(index)).Select(j => Get(a.Values, j)).ToList(),
            _ => throw new NotSupportedException(array.Data.DataType.Name),
        };
    }

    public static List<object?> Column(IArrowArray array) => [.. Enumerable.Range(0, array.Length).Select(i => Get(array, i))];

    /// <summary>A JSON value in the canonical form (numbers as double).</summary>
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => array.Select(FromJson).ToList(),
        JsonValue value when value.TryGetValue(out bool b) => b,
        JsonValue value when value.TryGetValue(out string? s) => s,
        JsonValue value => value.GetValue<double>(),
        _ => throw new NotSupportedException(node.ToJsonString()),
    };

    /// <summary>Structural equality of canonical values (lists element-wise, doubles exactly).</summary>
    public static void AssertEqual(object? expected, object? actual, string where)
    {
        if (expected is List<object?> expectedList && actual is List<object?> actualList)
        {
            Assert.True(expectedList.Count == actualList.Count, $"{where}: {expectedList.Count} elements expected, {actualList.Count} found.");
            for (int i = 0; i < expectedList.Count; i++)
            {
                AssertEqual(expectedList[i], actualList[i], $"{where}[{i}]");
            }
            return;
        }
        Assert.True(Equals(expected, actual), $"{where}: expected {Show(expected)}, found {Show(actual)}.");
    }

    public static void AssertColumnsEqual(IReadOnlyList<object?> expected, IReadOnlyList<object?> actual, string column)
    {
        Assert.True(expected.Count == actual.Count, $"Column '{column}': {expected.Count} rows expected, {actual.Count} found.");
        for (int i = 0; i < expected.Count; i++)
        {
            AssertEqual(expected[i], actual[i], $"Column '{column}' row {i}");
        }
    }

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexStringLower(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
