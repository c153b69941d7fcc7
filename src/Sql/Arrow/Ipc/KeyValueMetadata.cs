using Rdd.Sql.Arrow.FlatBuffers;
using Rdd.Sql.Arrow.Ipc.Metadata;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>Schema.fbs <c>[KeyValue]</c> vectors (custom_metadata of schemas and fields), both directions.</summary>
internal static class KeyValueMetadata
{
    /// <summary>The metadata vector, or 0 (absent) when there is none.</summary>
    public static int Write(FlatBufferBuilder builder, IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.Count == 0)
        {
            return 0;
        }
        Span<int> entries = metadata.Count <= 64 ? stackalloc int[metadata.Count] : new int[metadata.Count];
        int i = 0;
        foreach (var (key, value) in metadata)
        {
            int keyOffset = builder.CreateString(key);
            int valueOffset = builder.CreateString(value);
            builder.StartTable(KeyValueSlots.Count);
            builder.AddOffset(KeyValueSlots.Key, keyOffset);
            builder.AddOffset(KeyValueSlots.Value, valueOffset);
            entries[i++] = builder.EndTable();
        }
        return builder.CreateOffsetVector(entries);
    }

    /// <summary>The metadata of <paramref name="table"/>'s <paramref name="slot"/>; null when absent or empty.</summary>
    public static Dictionary<string, string>? Read(FlatBufferTable table, int slot)
    {
        int count = table.GetVectorLength(slot);
        if (count == 0)
        {
            return null;
        }
        var metadata = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            var entry = table.GetVectorTable(slot, i);
            // Later duplicates win, as in the C++ implementation's map conversion.
            metadata[entry.GetString(KeyValueSlots.Key) ?? ""] = entry.GetString(KeyValueSlots.Value) ?? "";
        }
        return metadata;
    }
}
