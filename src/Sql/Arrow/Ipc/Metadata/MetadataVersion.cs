namespace Rdd.Sql.Arrow.Ipc.Metadata;

/// <summary>Schema.fbs <c>MetadataVersion</c>. V4 is Arrow 0.8 to 0.17, V5 is 1.0 onwards (what we write).</summary>
internal enum MetadataVersion : short
{
    V1 = 0,
    V2 = 1,
    V3 = 2,
    V4 = 3,
    V5 = 4,
}
