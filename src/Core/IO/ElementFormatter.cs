using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Rdd.Core.IO;

/// <summary>
/// How an element becomes a line of text (SaveAsTextFile, Pipe): its ToString under the invariant culture,
/// so output does not depend on the machine's locale. Null is <c>null</c>; a tuple is formatted like
/// <see cref="ValueTuple{T1, T2}.ToString"/>, <c>(a, b)</c>, with each item formatted by these same rules,
/// because ValueTuple's own ToString would format a double inside it with the current culture.
/// <see cref="TextPartWriter"/> applies the same rules straight to UTF-8.
/// </summary>
internal static class ElementFormatter
{
    /// <summary>Between tuple items, as in ValueTuple.ToString.</summary>
    public const string TupleSeparator = ", ";

    public static string Format<T>(T value) => value switch
    {
        null => "null",
        string text => text,
        ITuple tuple => FormatTuple(tuple),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string FormatTuple(ITuple tuple)
    {
        var text = new StringBuilder().Append('(');
        for (int i = 0; i < tuple.Length; i++)
        {
            if (i > 0) text.Append(TupleSeparator);
            text.Append(Format(tuple[i]));
        }
        return text.Append(')').ToString();
    }
}
