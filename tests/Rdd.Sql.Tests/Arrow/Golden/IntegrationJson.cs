using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Text.Json.Nodes;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Arrow's integration JSON format (the .json.gz beside each golden file): schema fields with their types,
/// nullability and dictionary encoding; batches of columns with VALIDITY, DATA and OFFSET arrays; dictionaries by
/// id. Tells the SQL type a field must read as, and turns a column into the values <c>Read.Arrow</c> must produce
/// in the canonical form of <see cref="ArrowValues"/> (widened integers, microsecond timestamps, date64 as days).
/// </summary>
internal sealed class IntegrationJson
{
    private readonly JsonObject _root;
    private readonly Dictionary<long, JsonObject> _dictionaries = [];

    private IntegrationJson(JsonObject root)
    {
        _root = root;
        foreach (var dictionary in root["dictionaries"]?.AsArray() ?? [])
        {
            _dictionaries[dictionary!["id"]!.GetValue<long>()] = dictionary["data"]!["columns"]![0]!.AsObject();
        }
    }

    public static IntegrationJson Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return new IntegrationJson(JsonNode.Parse(gzip)!.AsObject());
    }

    public JsonArray Fields => _root["schema"]!["fields"]!.AsArray();

    public JsonArray Batches => _root["batches"]!.AsArray();

    public int FieldIndex(string name) => Fields.Select((f, i) => (f, i)).First(p => p.f!["name"]!.GetValue<string>() == name).i;

    /// <summary>The SQL type a field reads as, or null when Rdd.Sql has none for it.</summary>
    public static DataType? ExpectedType(JsonObject field)
    {
        var type = field["type"]!.AsObject();
        string name = type["name"]!.GetValue<string>();
        if (field["dictionary"] is not null)
        {
            return name is "utf8" or "largeutf8" ? DataTypes.String : name is "binary" or "largebinary" ? DataTypes.Binary : null;
        }
        return name switch
        {
            "int" => (type["bitWidth"]!.GetValue<int>(), type["isSigned"]!.GetValue<bool>()) switch
            {
                (8, true) => DataTypes.Byte,
                (16, true) or (8, false) => DataTypes.Short,
                (32, true) or (16, false) => DataTypes.Integer,
                _ => DataTypes.Long,
            },
            "floatingpoint" => type["precision"]!.GetValue<string>() == "DOUBLE" ? DataTypes.Double : DataTypes.Float,
            "bool" => DataTypes.Boolean,
            "utf8" or "largeutf8" => DataTypes.String,
            "binary" or "largebinary" => DataTypes.Binary,
            "date" => DataTypes.Date,
            "timestamp" => type["timezone"] is null ? DataTypes.TimestampNtz : DataTypes.Timestamp,
            _ => null,
        };
    }

    /// <summary>Column <paramref name="fieldIndex"/> of every batch, in order, as <c>Read.Arrow</c> must produce it.</summary>
    public List<object?> Values(int fieldIndex)
    {
        var field = Fields[fieldIndex]!.AsObject();
        var values = new List<object?>();
        foreach (var batch in Batches)
        {
            var column = batch!["columns"]![fieldIndex]!.AsObject();
            if (field["dictionary"] is JsonObject dictionary)
            {
                var entries = Decode(_dictionaries[dictionary["id"]!.GetValue<long>()], field["type"]!.AsObject());
                var indexType = dictionary["indexType"]!.AsObject();
                values.AddRange(Decode(column, indexType).Select(index => index is null ? null : entries[int.Parse(Convert.ToString(index, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture)]));
            }
            else
            {
                values.AddRange(Decode(column, field["type"]!.AsObject()));
            }
        }
        return values;
    }

    /// <summary>The rows of every batch.</summary>
    public int RowCount => Batches.Sum(b => b!["count"]!.GetValue<int>());

    /// <summary>
    /// Column <paramref name="name"/> of a nested type (list, fixed-size list, struct of int32 and utf8 leaves) as
    /// text: <c>[1, null]</c> for lists, <c>{1, a}</c> for structs, <c>null</c>; the form Spark's show prints.
    /// </summary>
    public List<string> NestedValues(string name)
    {
        int index = FieldIndex(name);
        var field = Fields[index]!.AsObject();
        var values = new List<string>();
        foreach (var batch in Batches)
        {
            var column = batch!["columns"]![index]!.AsObject();
            int count = column["count"]!.GetValue<int>();
            for (int i = 0; i < count; i++)
            {
                values.Add(NestedValue(column, field, i));
            }
        }
        return values;
    }

    private static string NestedValue(JsonObject column, JsonObject field, int i)
    {
        if (column["VALIDITY"] is JsonArray validity && validity[i]!.GetValue<int>() == 0)
        {
            return "null";
        }
        var type = field["type"]!.AsObject();
        var children = column["children"]?.AsArray();
        switch (type["name"]!.GetValue<string>())
        {
            case "list":
            {
                var offsets = column["OFFSET"]!.AsArray();
                int start = offsets[i]!.GetValue<int>(), end = offsets[i + 1]!.GetValue<int>();
                var item = field["children"]![0]!.AsObject();
                return "[" + string.Join(", ", Enumerable.Range(start, end - start).Select(j => NestedValue(children![0]!.AsObject(), item, j))) + "]";
            }
            case "fixedsizelist":
            {
                int size = type["listSize"]!.GetValue<int>();
                var item = field["children"]![0]!.AsObject();
                return "[" + string.Join(", ", Enumerable.Range(i * size, size).Select(j => NestedValue(children![0]!.AsObject(), item, j))) + "]";
            }
            case "struct":
                return "{" + string.Join(", ", field["children"]!.AsArray().Select((f, k) => NestedValue(children![k]!.AsObject(), f!.AsObject(), i))) + "}";
            case "utf8":
                return column["DATA"]![i]!.GetValue<string>();
            default:
                return column["DATA"]![i]!.ToString();
        }
    }

    private static List<object?> Decode(JsonObject column, JsonObject type)
    {
        int count = column["count"]!.GetValue<int>();
        var validity = column["VALIDITY"]?.AsArray();
        var data = column["DATA"]?.AsArray();
        var values = new List<object?>(count);
        for (int i = 0; i < count; i++)
        {
            bool valid = validity is null || validity[i]!.GetValue<int>() == 1;
            values.Add(valid ? Value(data![i]!, type) : null);
        }
        return values;
    }

    private static object Value(JsonNode node, JsonObject type)
    {
        string name = type["name"]!.GetValue<string>();
        switch (name)
        {
            case "int":
                // Integration JSON writes 64-bit integers as strings, so they survive JavaScript's doubles; Rdd reads
                // uint32 and every 64-bit integer as bigint (invariant strings in the canonical form), the rest as doubles.
                int bits = type["bitWidth"]!.GetValue<int>();
                bool signed = type["isSigned"]!.GetValue<bool>();
                return bits == 64 || (bits == 32 && !signed)
                    ? BigInteger.Parse(node.ToString(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
                    : node.GetValue<double>();
            case "floatingpoint":
                return type["precision"]!.GetValue<string>() == "DOUBLE" ? node.GetValue<double>() : (double)(float)node.GetValue<double>();
            case "bool":
                return node.GetValue<bool>();
            case "utf8" or "largeutf8":
                return node.GetValue<string>();
            case "binary" or "largebinary":
                return node.GetValue<string>().ToLowerInvariant();
            case "date":
                return type["unit"]!.GetValue<string>() == "DAY"
                    ? node.GetValue<double>()
                    : (double)FloorDivide(long.Parse(node.ToString(), CultureInfo.InvariantCulture), TimeSpan.MillisecondsPerDay);
            case "timestamp":
                long value = long.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);
                long micros = type["unit"]!.GetValue<string>() switch
                {
                    "SECOND" => value * 1_000_000,
                    "MILLISECOND" => value * 1_000,
                    "MICROSECOND" => value,
                    _ => FloorDivide(value, 1_000),
                };
                return micros.ToString(CultureInfo.InvariantCulture);
            default:
                throw new NotSupportedException($"No SQL value for JSON type {name}.");
        }
    }

    private static long FloorDivide(long value, long divisor) => Math.DivRem(value, divisor, out long remainder) - (remainder < 0 ? 1 : 0);
}
