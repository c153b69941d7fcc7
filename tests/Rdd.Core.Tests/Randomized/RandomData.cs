using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Rdd.Core.Tests.Randomized;

/// <summary>
/// The shape of one randomized case: a seed, the partition count the data is parallelized into, the number of
/// elements and how skewed the keys are (the Zipf exponent: 0 is uniform, 1 is classic Zipf, 3 puts almost
/// everything on one key). Serializable so that every shape is its own test case in the runner.
/// </summary>
public sealed class Shape : IXunitSerializable
{
    /// <summary>For the serializer.</summary>
    public Shape()
    {
    }

    public Shape(int seed, int partitions, int size, double skew)
    {
        Seed = seed;
        Partitions = partitions;
        Size = size;
        Skew = skew;
    }

    public int Seed { get; private set; }

    public int Partitions { get; private set; }

    public int Size { get; private set; }

    public double Skew { get; private set; }

    /// <summary>Keys are drawn from [0, KeyRange): about four elements per key before skew.</summary>
    public int KeyRange => Math.Max(1, Size / 4);

    /// <summary>The shape of the second input of binary operators: another seed, another partition count, about half the size, the same key range.</summary>
    public Shape Other => new(Seed * 7919 + 13, 1 + Seed * 7 % 6, Size / 2 + Seed % 5, Skew);

    public void Deserialize(IXunitSerializationInfo info)
    {
        Seed = info.GetValue<int>(nameof(Seed));
        Partitions = info.GetValue<int>(nameof(Partitions));
        Size = info.GetValue<int>(nameof(Size));
        Skew = info.GetValue<double>(nameof(Skew));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Seed), Seed);
        info.AddValue(nameof(Partitions), Partitions);
        info.AddValue(nameof(Size), Size);
        info.AddValue(nameof(Skew), Skew);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"seed={Seed} partitions={Partitions} size={Size} skew={Skew}");
}

/// <summary>
/// Seeded data for the randomized suites and the comparisons against LINQ-to-objects. Everything depends only
/// on the shape, so a failing case is reproduced by its name.
/// </summary>
internal static class RandomData
{
    /// <summary>
    /// The shapes every operator is checked on: one partition and many, more partitions than elements (empty
    /// partitions), empty input, uniform, Zipf-skewed and almost-single-key data, up to 2000 elements.
    /// </summary>
    public static readonly Shape[] Shapes =
    [
        new(1, 1, 0, 0),
        new(2, 4, 0, 0),
        new(3, 7, 3, 0),
        new(4, 1, 1, 0),
        new(5, 8, 5, 0),
        new(6, 2, 10, 1.0),
        new(7, 4, 100, 0),
        new(8, 5, 100, 1.2),
        new(9, 3, 257, 0),
        new(10, 6, 500, 1.0),
        new(11, 8, 1000, 0),
        new(12, 2, 1000, 1.5),
        new(13, 7, 2000, 0),
        new(14, 8, 2000, 1.1),
        new(15, 1, 2000, 2.0),
        new(16, 4, 1999, 0.5),
        new(17, 6, 64, 3.0),
        new(18, 3, 1500, 3.0),
    ];

    /// <summary>(mode, shape) rows for <c>[MemberData]</c>: every shape in every run mode.</summary>
    public static TheoryData<RunMode, Shape> Cases()
    {
        var data = new TheoryData<RunMode, Shape>();
        foreach (var mode in ModeContexts.AllModes)
            foreach (var shape in Shapes)
                data.Add(mode, shape);
        return data;
    }

    /// <summary>Integers with duplicates, positive and negative, skewed as the shape says.</summary>
    public static int[] Ints(Shape shape)
    {
        var keys = new ZipfKeys(shape.Seed, shape.KeyRange, shape.Skew);
        var result = new int[shape.Size];
        for (int i = 0; i < result.Length; i++) result[i] = keys.Next() - shape.KeyRange / 2;
        return result;
    }

    /// <summary>(key, value) pairs with skewed int keys in [0, KeyRange) and values in [-50, 50].</summary>
    public static (int Key, int Value)[] IntPairs(Shape shape, int keyRange = 0)
    {
        var keys = new ZipfKeys(shape.Seed, keyRange > 0 ? keyRange : shape.KeyRange, shape.Skew);
        var values = new Random(shape.Seed ^ 0x5A5A5A);
        var result = new (int, int)[shape.Size];
        for (int i = 0; i < result.Length; i++) result[i] = (keys.Next(), values.Next(-50, 51));
        return result;
    }

    /// <summary>The same pairs with string keys of mixed case, punctuation and non-ASCII letters (so ordinal order matters).</summary>
    public static (string Key, int Value)[] StringPairs(Shape shape, int keyRange = 0) =>
        IntPairs(shape, keyRange).Select(p => (StringKey(p.Key), p.Value)).ToArray();

    /// <summary>A distinct string per key; culture-aware and ordinal orders of these strings differ.</summary>
    public static string StringKey(int key) => (key % 5) switch
    {
        0 => "k" + key.ToString(CultureInfo.InvariantCulture),
        1 => "K" + key.ToString(CultureInfo.InvariantCulture),
        2 => "_" + key.ToString(CultureInfo.InvariantCulture),
        3 => "\u00e9" + key.ToString(CultureInfo.InvariantCulture),
        _ => ((char)('a' + key % 26)).ToString() + key.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Formats a group of values order-insensitively: the values sorted.</summary>
    public static string Group<T>(IEnumerable<T> values) => "[" + string.Join(",", values.Order()) + "]";

    /// <summary>
    /// Asserts that two sequences hold the same elements with the same multiplicities, in any order; the
    /// message lists what is missing and what is extra. <paramref name="format"/> gives each element's
    /// identity (default: ToString with the invariant culture).
    /// </summary>
    public static void AssertSameBag<T>(IEnumerable<T> expected, IEnumerable<T> actual, Func<T, string>? format = null)
    {
        format ??= static x => Convert.ToString(x, CultureInfo.InvariantCulture) ?? "null";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int expectedCount = 0, actualCount = 0;
        foreach (var e in expected)
        {
            expectedCount++;
            string key = format(e);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        foreach (var a in actual)
        {
            actualCount++;
            string key = format(a);
            counts[key] = counts.GetValueOrDefault(key) - 1;
        }
        var missing = counts.Where(c => c.Value > 0).Select(c => $"{c.Key} x{c.Value}").Take(10).ToList();
        var extra = counts.Where(c => c.Value < 0).Select(c => $"{c.Key} x{-c.Value}").Take(10).ToList();
        if (missing.Count == 0 && extra.Count == 0) return;
        var message = new StringBuilder($"Expected {expectedCount} elements, got {actualCount}.");
        if (missing.Count > 0) message.Append(" Missing: ").Append(string.Join("; ", missing)).Append('.');
        if (extra.Count > 0) message.Append(" Unexpected: ").Append(string.Join("; ", extra)).Append('.');
        Assert.Fail(message.ToString());
    }

    /// <summary>Asserts equal sequences (order matters), naming the first position that differs.</summary>
    public static void AssertSameSequence<T>(IEnumerable<T> expected, IEnumerable<T> actual)
    {
        var e = expected.ToArray();
        var a = actual.ToArray();
        int common = Math.Min(e.Length, a.Length);
        for (int i = 0; i < common; i++)
            if (!EqualityComparer<T>.Default.Equals(e[i], a[i]))
                Assert.Fail($"Sequences differ at position {i}: expected {e[i]}, got {a[i]} (lengths {e.Length} and {a.Length}).");
        Assert.True(e.Length == a.Length, $"Expected {e.Length} elements, got {a.Length}.");
    }

    /// <summary>Asserts two dictionaries hold the same entries.</summary>
    public static void AssertSameMap<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> expected, IReadOnlyDictionary<TKey, TValue> actual)
        where TKey : notnull =>
        AssertSameBag(expected.Select(kv => (kv.Key, kv.Value)), actual.Select(kv => (kv.Key, kv.Value)));

    /// <summary>
    /// Draws keys in [0, range) with probability proportional to 1/(rank+1)^skew; ranks are assigned to keys in
    /// a seeded random order, so the hot key is not always the smallest.
    /// </summary>
    private sealed class ZipfKeys
    {
        private readonly Random _random;
        private readonly double[] _cumulative;
        private readonly int[] _keyOfRank;

        public ZipfKeys(int seed, int range, double skew)
        {
            _random = new Random(seed);
            _cumulative = new double[range];
            double total = 0;
            for (int rank = 0; rank < range; rank++)
            {
                total += 1.0 / Math.Pow(rank + 1, skew);
                _cumulative[rank] = total;
            }
            _keyOfRank = Enumerable.Range(0, range).ToArray();
            new Random(seed + 1).Shuffle(_keyOfRank);
        }

        public int Next()
        {
            double u = _random.NextDouble() * _cumulative[^1];
            int rank = Array.BinarySearch(_cumulative, u);
            if (rank < 0) rank = ~rank;
            return _keyOfRank[Math.Min(rank, _keyOfRank.Length - 1)];
        }
    }
}
