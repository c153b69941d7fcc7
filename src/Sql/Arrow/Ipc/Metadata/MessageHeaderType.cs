namespace Rdd.Sql.Arrow.Ipc.Metadata;

/// <summary>Message.fbs <c>MessageHeader</c> union tags.</summary>
internal enum MessageHeaderType : byte
{
    None = 0,
    Schema = 1,
    DictionaryBatch = 2,
    RecordBatch = 3,
    Tensor = 4,
    SparseTensor = 5,
}
