using Apache.Arrow;

namespace Rdd.Sql;

/// <summary>
/// A column type for a .NET class that the engine stores in a built-in layout, Spark's <c>UserDefinedType</c>:
/// MlLib's vector is one. Values of <see cref="UserClass"/> are serialized into an Arrow struct array
/// (<see cref="StorageType"/>) when a frame is built, kept in that layout through every operator, Arrow file and
/// JSON file, and deserialized back into objects when rows reach the caller (<see cref="Row.Get{T}(int)"/>).
/// A class names its type with <see cref="SqlUserDefinedTypeAttribute"/>, so <c>CreateDataFrame</c> finds it.
/// </summary>
/// <remarks>
/// Arrow files mark such columns with the extension type metadata Arrow defines (<c>ARROW:extension:name</c>, and
/// <c>ARROW:extension:metadata</c> holding the type's .NET class), so a reader that knows the type gets it back
/// and any other Arrow reader sees the plain struct. Types are defined by the libraries of this project (the
/// storage API is internal to them).
/// </remarks>
public abstract class UserDefinedType : DataType
{
    /// <summary>Registers the type so files and schema strings can name it.</summary>
    private protected UserDefinedType()
    {
    }

    /// <summary>The .NET class whose values this type stores.</summary>
    public abstract Type UserClass { get; }

    /// <summary>The Arrow extension name written next to the storage (<c>rdd.ml.vector</c>).</summary>
    internal abstract string ExtensionName { get; }

    /// <summary>The Arrow layout of the values: a struct of numbers and lists of numbers.</summary>
    internal abstract Apache.Arrow.Types.StructType StorageType { get; }

    /// <summary>The values (instances of <see cref="UserClass"/> or null) as one struct array.</summary>
    /// <exception cref="InvalidCastException">A value is not an instance of <see cref="UserClass"/>.</exception>
    internal abstract StructArray Serialize(IReadOnlyList<object?> values);

    /// <summary>The value in slot <paramref name="index"/> of a non-null storage slot.</summary>
    internal abstract object Deserialize(StructArray storage, int index);

    /// <summary>
    /// Checks one stored value parsed from text (JSON), given as its struct fields in storage order: null, a
    /// <see cref="long"/> for integer fields, a <see cref="double"/>, an <c>int[]</c> or <c>double[]</c> for lists.
    /// Returns why the value is invalid, or null.
    /// </summary>
    internal virtual string? CheckStorage(IReadOnlyList<object?> fields) => null;

    /// <summary>Checks a storage array read from a file (Arrow or JSON); throws <see cref="InvalidDataException"/> naming the row at fault.</summary>
    internal virtual void Validate(StructArray storage)
    {
    }
}
