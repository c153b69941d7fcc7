namespace Rdd.Sql.IO.Columns;

/// <summary>
/// Parses one value of a column type from UTF-8 text. Implemented by structs so that
/// <see cref="FixedWidthColumnBuilder{T, TParser}"/> calls it without a virtual call.
/// </summary>
internal interface IValueParser<T>
{
    bool TryParse(ReadOnlySpan<byte> text, out T value);
}
