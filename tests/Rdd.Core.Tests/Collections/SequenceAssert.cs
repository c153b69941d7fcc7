namespace Rdd.Core.Tests.Collections;

/// <summary>
/// Assertions over long sequences and dictionaries that stay fast at tens of thousands of elements (xunit's
/// collection equality tracks a diff per element) and still name the first difference when they fail.
/// </summary>
internal static class SequenceAssert
{
    public static void Equal<T>(IEnumerable<T> expected, IEnumerable<T> actual)
    {
        var e = expected as T[] ?? expected.ToArray();
        var a = actual as T[] ?? actual.ToArray();
        var comparer = EqualityComparer<T>.Default;
        int common = Math.Min(e.Length, a.Length);
        for (int i = 0; i < common; i++)
            if (!comparer.Equals(e[i], a[i]))
                Assert.Fail($"Sequences differ at index {i}: expected {e[i]}, actual {a[i]}.");
        if (e.Length != a.Length) Assert.Fail($"Expected {e.Length} elements, got {a.Length}.");
    }

    public static void SameEntries<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> expected, IEnumerable<(TKey, TValue)> actual)
        where TKey : notnull
    {
        var comparer = EqualityComparer<TValue>.Default;
        var seen = new HashSet<TKey>();
        foreach (var (key, value) in actual)
        {
            if (!seen.Add(key)) Assert.Fail($"Key {key} appears more than once.");
            if (!expected.TryGetValue(key, out var wanted)) Assert.Fail($"Unexpected key {key}.");
            if (!comparer.Equals(wanted, value)) Assert.Fail($"Key {key}: expected {wanted}, actual {value}.");
        }
        if (seen.Count != expected.Count) Assert.Fail($"Expected {expected.Count} keys, got {seen.Count}.");
    }
}
