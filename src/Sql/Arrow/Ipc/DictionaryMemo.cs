using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// The reader's dictionaries by id, as dictionary batches deliver them: a new batch replaces the
/// dictionary (stream format) or, flagged as a delta, appends to it.
/// </summary>
internal sealed class DictionaryMemo
{
    private readonly Dictionary<long, ArrayData> _dictionaries = [];

    public void Set(long id, ArrayData dictionary, bool isDelta)
    {
        if (isDelta && _dictionaries.TryGetValue(id, out var existing))
        {
            dictionary = Concatenate(new StringArray(existing), new StringArray(dictionary)).Data;
        }
        _dictionaries[id] = dictionary;
    }

    public ArrayData Get(long id) =>
        _dictionaries.TryGetValue(id, out var dictionary)
            ? dictionary
            : throw new InvalidDataException($"A record batch uses dictionary {id} before any dictionary batch defined it.");

    private static StringArray Concatenate(StringArray first, StringArray second)
    {
        // Deltas are rare (a writer's dictionary grew between batches), so a plain copy is fine here.
        using var builder = new StringArray.Builder(first.Length + second.Length);
        foreach (var part in (ReadOnlySpan<StringArray>)[first, second])
        {
            for (int i = 0; i < part.Length; i++)
            {
                if (part.IsValid(i))
                {
                    builder.Append(part.GetBytes(i));
                }
                else
                {
                    builder.AppendNull();
                }
            }
        }
        return builder.Build();
    }

    /// <summary>The type of every dictionary this layer reads: utf8 values.</summary>
    public static ArrowType ValueType => StringType.Default;
}
