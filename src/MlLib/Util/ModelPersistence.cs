using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Apache.Arrow;
using Rdd.Sql;
using Rdd.Sql.IO.ArrowFiles;
using Rdd.Sql.Types;

namespace Rdd.MlLib;

/// <summary>
/// The folder layout of saved stages, Spark's: <c>metadata/part-00000</c> is one JSON line (class, uid, timestamp,
/// parameters by name, extra fields) and <c>data/part-00000.arrow</c> one Arrow row of the fitted values (Spark
/// writes Parquet); <c>_SUCCESS</c> markers as Spark's writers leave. Loading checks the class before anything else.
/// </summary>
internal static class ModelPersistence
{
    private const string Version = "1";

    public static void SaveAtomically(string path, bool overwrite, Action<string> write)
    {
        if ((File.Exists(path) || Directory.Exists(path)) && !overwrite)
        {
            throw new IOException($"Path {path} already exists. To overwrite it, use Write.Overwrite().Save(path).");
        }
        string parent = Path.GetDirectoryName(path) ?? ".";
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".{Path.GetFileName(path)}.saving-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
            if (Directory.Exists(path) || File.Exists(path))
            {
                string old = Path.Combine(parent, $".{Path.GetFileName(path)}.replaced-{Guid.NewGuid():N}");
                if (Directory.Exists(path))
                {
                    Directory.Move(path, old);
                    Directory.Move(staging, path);
                    Directory.Delete(old, recursive: true);
                }
                else
                {
                    File.Move(path, old);
                    Directory.Move(staging, path);
                    File.Delete(old);
                }
            }
            else
            {
                Directory.Move(staging, path);
            }
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
            throw;
        }
    }

    /// <summary>Writes <c>metadata/part-00000</c>: the class, uid and every parameter of <paramref name="stage"/>, plus <paramref name="extra"/>.</summary>
    public static void WriteMetadata(string directory, PipelineStage stage, JsonObject? extra = null)
    {
        var parameters = new JsonObject();
        foreach (var (name, value) in stage.Params)
        {
            parameters[CamelCase(name)] = JsonSerializer.SerializeToNode(value, value?.GetType() ?? typeof(object), s_options);
        }
        var metadata = new JsonObject
        {
            ["class"] = stage.GetType().FullName,
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["rddMlLibVersion"] = Version,
            ["uid"] = stage.Uid,
            ["paramMap"] = parameters,
        };
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                metadata[key] = value?.DeepClone();
            }
        }
        string folder = Path.Combine(directory, "metadata");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "part-00000"), metadata.ToJsonString(s_options) + "\n");
        File.WriteAllText(Path.Combine(folder, "_SUCCESS"), "");
    }

    /// <summary>Reads a saved stage's metadata, checking that the folder holds a <paramref name="expected"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">No saved stage there, or one of another class.</exception>
    public static SavedMetadata ReadMetadata(string path, Type expected)
    {
        var metadata = ReadMetadata(path);
        if (metadata.ClassName != expected.FullName)
        {
            throw new InvalidDataException($"'{path}' holds a saved {metadata.ClassName}, not a {expected.FullName}.");
        }
        return metadata;
    }

    /// <summary>Reads a saved stage's metadata, whatever its class.</summary>
    public static SavedMetadata ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"No saved model at '{path}': the folder does not exist.");
        }
        string file = Path.Combine(path, "metadata", "part-00000");
        if (!File.Exists(file))
        {
            throw new InvalidDataException($"'{path}' holds no saved Rdd.MlLib stage: {Path.Combine("metadata", "part-00000")} is missing.");
        }
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? throw new InvalidDataException("empty");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidDataException)
        {
            throw new InvalidDataException($"'{file}' is not the JSON metadata of a saved stage: {e.Message}", e);
        }
        string className = json["class"]?.GetValue<string>() ?? throw new InvalidDataException($"'{file}' names no class.");
        string uid = json["uid"]?.GetValue<string>() ?? throw new InvalidDataException($"'{file}' has no uid.");
        return new SavedMetadata(path, className, uid, json);
    }

    /// <summary>Writes one row of named values as <c>data/part-00000.arrow</c>.</summary>
    public static void WriteData(string directory, IReadOnlyList<(string Name, object? Value)> values)
    {
        var fields = values.Select(v =>
        {
            var (type, _) = SqlContext.SqlTypeOf(v.Value?.GetType() ?? typeof(string));
            return new StructField(v.Name, type, Nullable: true);
        }).ToList();
        var schema = new StructType(fields);
        var batch = DataFrame.ToBatches(schema, [[.. values.Select(v => v.Value)]], 1).Single();
        string folder = Path.Combine(directory, "data");
        Directory.CreateDirectory(folder);
        using (var stream = File.Create(Path.Combine(folder, "part-00000.arrow")))
        {
            ArrowIpc.WriteFile(stream, batch.Schema, [batch]);
        }
        File.WriteAllText(Path.Combine(folder, "_SUCCESS"), "");
    }

    /// <summary>Reads the row <see cref="WriteData"/> wrote.</summary>
    public static Row ReadData(string path)
    {
        string file = Path.Combine(path, "data", "part-00000.arrow");
        if (!File.Exists(file))
        {
            throw new InvalidDataException($"'{path}' is an incomplete saved model: {Path.Combine("data", "part-00000.arrow")} is missing.");
        }
        var batch = ArrowIpc.ReadBatches(file).FirstOrDefault() ?? throw new InvalidDataException($"'{file}' holds no row.");
        var schema = ArrowTypeMapping.ToStructType(batch.Schema);
        return DataFrame.ToRows(batch, schema).Single();
    }

    public static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    // The resolver is named, not left to the default: apps that turn reflection-based serialization off by default
    // (.NET 10 file-based apps do, as they are AOT-ready) would otherwise fail to save or load any stage.
    private static readonly JsonSerializerOptions s_options = new()
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>A saved stage's metadata.</summary>
    internal sealed record SavedMetadata(string Path, string ClassName, string Uid, JsonObject Json)
    {
        /// <summary>Sets every saved parameter that <paramref name="stage"/> has.</summary>
        public void ApplyParams(PipelineStage stage)
        {
            if (Json["paramMap"] is not JsonObject parameters)
            {
                return;
            }
            foreach (var property in PipelineStage.ParamProperties(stage.GetType()))
            {
                if (parameters[CamelCase(property.Name)] is { } node)
                {
                    try
                    {
                        property.SetValue(stage, node.Deserialize(property.PropertyType, s_options));
                    }
                    catch (Exception e) when (e is JsonException or TargetInvocationException)
                    {
                        throw new InvalidDataException(
                            $"'{Path}': the saved parameter {CamelCase(property.Name)} = {node.ToJsonString()} is not valid for {ClassName}: {(e.InnerException ?? e).Message}", e);
                    }
                }
            }
        }

        public int Int(string name) => Json[name]?.GetValue<int>() ?? throw new InvalidDataException($"'{Path}': the metadata has no {name}.");
    }
}

/// <summary>Reading values of a saved data row by name.</summary>
internal static class SavedRowExtensions
{
    public static object? Value(this Row row, string name) => row[name];

    public static T Get<T>(this Row row, string name) =>
        row[name] is { } value ? (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture) : throw new InvalidDataException($"The saved value {name} is missing.");
}
