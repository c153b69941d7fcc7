using System.IO.Compression;
using System.Text.Json.Nodes;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Arrow's integration JSON format (the .json.gz beside each golden file): schema fields with their types,
/// nullability, metadata and dictionary encoding; batches of columns with VALIDITY and DATA arrays;
/// dictionaries by id. Turns a column into the canonical values of <see cref="ArrowValues"/>.
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

    public JsonNode? SchemaMetadata => _root["schema"]!["metadata"];

    public JsonArray Batches => _root["batches"]!.AsArray();

    public static Dictionary<string, string> Metadata(JsonNode? metadata) =>
        (metadata?.AsArray() ?? []).ToDictionary(kv => kv!["key"]!.GetValue<string>(), kv => kv!["value"]!.GetValue<string>());

    /// <summary>The Arrow type a field should read as, or null when it is not a supported type.</summary>
    public static ArrowType? ExpectedType(JsonObject field)
    {
        var type = field["type"]!.AsObject();
        string name = type["name"]!.GetValue<string>();
        if (field["dictionary"] is JsonObject dictionary)
        {
            var index = dictionary["indexType"]!;
            bool int32 = index["bitWidth"]!.GetValue<int>() == 32 && index["isSigned"]!.GetValue<bool>();
            return name == "utf8" && int32 ? new DictionaryType(dictionary["isOrdered"]!.GetValue<bool>()) : null;
        }
        return name switch
        {
            "int" => (type["bitWidth"]!.GetValue<int>(), type["isSigned"]!.GetValue<bool>()) switch
            {
                (8, true) => Int8Type.Default,
                (16, true) => Int16Type.Default,
                (32, true) => Int32Type.Default,
                (64, true) => Int64Type.Default,
                (8, false) => UInt8Type.Default,
                (16, false) => UInt16Type.Default,
                (32, false) => UInt32Type.Default,
                (64, false) => UInt64Type.Default,
                _ => null,
            },
            "floatingpoint" => type["precision"]!.GetValue<string>() switch
            {
                "SINGLE" => FloatType.Default,
                "DOUBLE" => DoubleType.Default,
                _ => null,
            },
            // Lists of numbers (the storage of vectors); other lists are not supported.
            "list" when field["children"]!.AsArray() is [JsonObject item] && ExpectedType(item) is FixedWidthType and not BooleanType and var itemType =>
                new ListType(new Rdd.Sql.Arrow.Field(item["name"]!.GetValue<string>(), itemType, item["nullable"]!.GetValue<bool>(), Metadata(item["metadata"]))),
            "bool" => BooleanType.Default,
            "utf8" => StringType.Default,
            "binary" => BinaryType.Default,
            "date" when type["unit"]!.GetValue<string>() == "DAY" => Date32Type.Default,
            "timestamp" => new TimestampType(
                type["unit"]!.GetValue<string>() switch
                {
                    "SECOND" => TimeUnit.Second,
                    "MILLISECOND" => TimeUnit.Millisecond,
                    "MICROSECOND" => TimeUnit.Microsecond,
                    _ => TimeUnit.Nanosecond,
                },
                type["timezone"]?.GetValue<string>()),
            _ => null,
        };
    }

    /// <summary>Column <paramref name="fieldIndex"/> of batch <paramref name="batchIndex"/> in canonical form.</summary>
    public List<object?> Values(int batchIndex, int fieldIndex)
    {
        var field = Fields[fieldIndex]!.AsObject();
        var column = Batches[batchIndex]!["columns"]![fieldIndex]!.AsObject();
        var type = ExpectedType(field) ?? throw new InvalidOperationException($"Field '{field["name"]}' is not supported.");
        if (type is DictionaryType)
        {
            var dictionary = _dictionaries[field["dictionary"]!["id"]!.GetValue<long>()];
            var entries = Decode(dictionary, StringType.Default);
            return [.. Decode(column, Int32Type.Default).Select(index => index is double i ? entries[(int)i] : null)];
        }
        return type is ListType list ? DecodeLists(column, list) : Decode(column, type);
    }

    private static List<object?> Decode(JsonObject column, ArrowType type)
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

    private static List<object?> DecodeLists(JsonObject column, ListType type)
    {
        int count = column["count"]!.GetValue<int>();
        var validity = column["VALIDITY"]?.AsArray();
        var offsets = column["OFFSET"]!.AsArray();
        var items = Decode(column["children"]![0]!.AsObject(), type.ValueField.Type);
        var values = new List<object?>(count);
        for (int i = 0; i < count; i++)
        {
            bool valid = validity is null || validity[i]!.GetValue<int>() == 1;
            int start = offsets[i]!.GetValue<int>();
            int end = offsets[i + 1]!.GetValue<int>();
            values.Add(valid ? items.GetRange(start, end - start) : null);
        }
        return values;
    }

    private static object Value(JsonNode node, ArrowType type) => type switch
    {
        // Integration JSON writes 64-bit integers as strings, so they survive JavaScript's doubles.
        Int64Type or UInt64Type or TimestampType => node.GetValue<string>(),
        FloatType => (double)(float)node.GetValue<double>(),
        BooleanType => node.GetValue<bool>(),
        StringType => node.GetValue<string>(),
        BinaryType => node.GetValue<string>().ToLowerInvariant(),
        _ => node.GetValue<double>(),
    };
}
