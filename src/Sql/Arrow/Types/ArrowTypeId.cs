namespace Rdd.Sql.Arrow.Types;

/// <summary>The Arrow types this layer supports; code dispatches on it once per column, never per value.</summary>
internal enum ArrowTypeId
{
    Boolean,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float,
    Double,
    Binary,
    String,
    Date32,
    Timestamp,
    Dictionary,
    List,
    FixedSizeList,
    Struct,
}
