using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// The writer's view of dictionaries: an id per dictionary-encoded column (0, 1, ... in schema order) and
/// the dictionary last sent under it, to send each dictionary once. A batch whose dictionary extends the
/// last one sends only the new entries (a delta); a different dictionary replaces it in the stream format,
/// which the file format does not allow.
/// </summary>
internal sealed class DictionaryTracker
{
    private readonly long[] _ids;
    private readonly ArrayData?[] _sent;

    public DictionaryTracker(Schema schema)
    {
        _ids = new long[schema.FieldCount];
        _sent = new ArrayData?[schema.FieldCount];
        long next = 0;
        for (int i = 0; i < _ids.Length; i++)
        {
            _ids[i] = schema.GetField(i).Type is DictionaryType ? next++ : -1;
        }
    }

    /// <summary>Dictionary id per field, -1 for fields that are not dictionary-encoded.</summary>
    public ReadOnlySpan<long> Ids => _ids;

    /// <summary>
    /// What to send before a batch whose column <paramref name="field"/> uses <paramref name="dictionary"/>:
    /// nothing (null), the whole dictionary, or (delta) only its new tail.
    /// </summary>
    public (ArrayData? Values, bool IsDelta) Next(int field, ArrayData dictionary, bool allowReplacement, string fieldName)
    {
        var sent = _sent[field];
        _sent[field] = dictionary;
        if (sent is null)
        {
            return (dictionary, false);
        }
        if (ReferenceEquals(sent, dictionary))
        {
            return (null, false);
        }
        var previous = new StringArray(sent);
        var current = new StringArray(dictionary);
        if (current.Length >= previous.Length && StartsWith(current, previous))
        {
            return current.Length == previous.Length
                ? (null, false)
                : (dictionary.Slice(previous.Length, current.Length - previous.Length), true);
        }
        if (!allowReplacement)
        {
            _sent[field] = sent;
            throw new NotSupportedException(
                $"Column '{fieldName}' changes its dictionary between batches, which the Arrow file format cannot express "
                + "(only additions are allowed). Use the stream format, or build the batches with one growing dictionary.");
        }
        return (dictionary, false);
    }

    private static bool StartsWith(StringArray array, StringArray prefix)
    {
        for (int i = 0; i < prefix.Length; i++)
        {
            bool valid = prefix.IsValid(i);
            if (valid != array.IsValid(i) || (valid && !array.GetBytes(i).SequenceEqual(prefix.GetBytes(i))))
            {
                return false;
            }
        }
        return true;
    }
}
