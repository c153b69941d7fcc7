using Rdd.Sql.Arrow.FlatBuffers;
using Rdd.Sql.Arrow.Ipc.Metadata;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// File.fbs <c>Footer</c>: the schema again plus the blocks of every dictionary and record batch message,
/// which is what gives the file format random access to its batches.
/// </summary>
internal sealed class ArrowFooter
{
    public ArrowFooter(MetadataVersion version, FileBlock[] dictionaries, FileBlock[] recordBatches)
    {
        Version = version;
        Dictionaries = dictionaries;
        RecordBatches = recordBatches;
    }

    public MetadataVersion Version { get; }

    public FileBlock[] Dictionaries { get; }

    public FileBlock[] RecordBatches { get; }

    /// <summary>Writes the footer flatbuffer (schema included) and finishes the builder.</summary>
    public static void Write(FlatBufferBuilder builder, Schema schema, ReadOnlySpan<long> dictionaryIds,
        ReadOnlySpan<FileBlock> dictionaries, ReadOnlySpan<FileBlock> recordBatches)
    {
        int schemaTable = SchemaSerializer.Write(builder, schema, dictionaryIds);
        int dictionaryVector = builder.CreateStructVector(dictionaries, alignment: 8);
        int batchVector = builder.CreateStructVector(recordBatches, alignment: 8);
        builder.StartTable(FooterSlots.Count);
        builder.AddInt16(FooterSlots.Version, (short)MetadataVersion.V5, 0);
        builder.AddOffset(FooterSlots.Schema, schemaTable);
        builder.AddOffset(FooterSlots.Dictionaries, dictionaryVector);
        builder.AddOffset(FooterSlots.RecordBatches, batchVector);
        builder.Finish(builder.EndTable());
    }

    /// <summary>Reads a footer and hands its schema to <paramref name="core"/>.</summary>
    public static ArrowFooter Read(ReadOnlyMemory<byte> bytes, IpcReaderCore core)
    {
        try
        {
            var footer = FlatBufferTable.GetRoot(bytes);
            var version = (MetadataVersion)footer.GetInt16(FooterSlots.Version);
            if (version < MetadataVersion.V4)
            {
                throw new NotSupportedException($"Arrow IPC metadata version {version} (before Arrow 0.8) is not supported.");
            }
            var schema = footer.GetTable(FooterSlots.Schema) ?? throw new InvalidDataException("The Arrow file footer has no schema.");
            core.ReadSchema(schema, version);
            return new ArrowFooter(
                version,
                footer.GetStructVector<FileBlock>(FooterSlots.Dictionaries).ToArray(),
                footer.GetStructVector<FileBlock>(FooterSlots.RecordBatches).ToArray());
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("Malformed Arrow file footer.", e);
        }
    }
}
