namespace Rdd.Core.Serialization;

/// <summary>The type family of a MessagePack value, as named by the spec.</summary>
internal enum MessagePackType
{
    Invalid,
    Nil,
    Boolean,
    Integer,
    Float,
    String,
    Binary,
    Array,
    Map,
    Extension,
}
