namespace Rdd.Core.Serialization;

/// <summary>
/// Static encode/decode of a value type. Generic formatters constrained on a codec struct
/// (<see cref="ScalarFormatter{T, TCodec}"/>, <see cref="ScalarArrayFormatter{T, TCodec}"/>) are
/// specialised by the JIT, so arrays of scalars loop without a virtual call per element.
/// </summary>
internal interface IScalarCodec<T>
{
    static abstract void Write(MessagePackWriter writer, T value);

    static abstract T Read(ref MessagePackReader reader);
}
