using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>The array class for an <see cref="ArrayData"/>: the single type switch between data and views.</summary>
internal static class ArrowArrayFactory
{
    public static ArrowArray Create(ArrayData data) => data.Type.TypeId switch
    {
        ArrowTypeId.Boolean => new BooleanArray(data),
        ArrowTypeId.Int8 => new PrimitiveArray<sbyte>(data),
        ArrowTypeId.Int16 => new PrimitiveArray<short>(data),
        ArrowTypeId.Int32 => new PrimitiveArray<int>(data),
        ArrowTypeId.Int64 => new PrimitiveArray<long>(data),
        ArrowTypeId.UInt8 => new PrimitiveArray<byte>(data),
        ArrowTypeId.UInt16 => new PrimitiveArray<ushort>(data),
        ArrowTypeId.UInt32 => new PrimitiveArray<uint>(data),
        ArrowTypeId.UInt64 => new PrimitiveArray<ulong>(data),
        ArrowTypeId.Float => new PrimitiveArray<float>(data),
        ArrowTypeId.Double => new PrimitiveArray<double>(data),
        ArrowTypeId.Binary => new BinaryArray(data),
        ArrowTypeId.String => new StringArray(data),
        ArrowTypeId.Date32 => new Date32Array(data),
        ArrowTypeId.Timestamp => new TimestampArray(data),
        ArrowTypeId.Dictionary => new DictionaryArray(data),
        ArrowTypeId.List => new ListArray(data),
        ArrowTypeId.FixedSizeList => new FixedSizeListArray(data),
        ArrowTypeId.Struct => new StructArray(data),
        _ => throw new NotSupportedException($"No array class for Arrow type {data.Type}."),
    };
}
