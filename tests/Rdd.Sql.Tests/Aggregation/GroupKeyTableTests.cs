using Apache.Arrow;
using Apache.Arrow.Types;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Aggregation;

/// <summary>
/// The key tables against a reference: a dictionary over the rows' boxed key values (ints and longs as long,
/// doubles normalized as Spark does), fed the same seeded batches. Group ids must be dense and in first-seen
/// order, <see cref="GroupKeyTable.BuildKeys"/> must give back each group's key, and <see cref="GroupKeyTable.Find"/>
/// must find exactly the keys added and never a key with a null.
/// </summary>
public sealed class GroupKeyTableTests
{
    private static readonly string?[] s_words = ["", "a", "b", "ab", "ba", "id001", "id002", "id0000012345", "a somewhat longer key text", "é", "日本", null];

    public static TheoryData<string> Shapes => ["int", "long", "string", "double", "bool", "binary", "string,int", "int,long", "string,string,int", "double,bool", "string,int,long,string,int,int"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GroupIdsMatchAReferenceOverSeveralBatches(string shape)
    {
        var types = shape.Split(',');
        foreach (bool nulls in new[] { false, true })
        {
            var random = new Random(shape.Length * 31 + (nulls ? 1 : 0));
            var batches = Enumerable.Range(0, 4).Select(b => MakeColumns(types, random, rows: b == 2 ? 0 : 300 + b * 50, nulls)).ToList();
            var table = GroupKeyTable.Create([.. batches[0].Select(c => c.Data.DataType)]);
            var reference = new Dictionary<string, int>();
            if (nulls) table.EnsureCapacity(5_000); // presized: same ids as grown step by step
            var firstKeys = new List<object?[]>();
            foreach (var columns in batches)
            {
                int rows = columns[0].Length;
                var ids = new int[rows];
                table.FindOrAdd(columns, ids);
                for (int r = 0; r < rows; r++)
                {
                    var key = columns.Select(c => Normalize(ArrayValues.Get(c, r))).ToArray();
                    string text = Text(key);
                    if (!reference.TryGetValue(text, out int expected))
                    {
                        expected = reference[text] = reference.Count;
                        firstKeys.Add(key);
                    }
                    Assert.Equal(expected, ids[r]);
                }
            }
            Assert.Equal(reference.Count, table.Count);

            var built = table.BuildKeys();
            Assert.Equal(types.Length, built.Length);
            for (int c = 0; c < built.Length; c++)
            {
                Assert.Equal(batches[0][c].Data.DataType, built[c].Data.DataType);
                Assert.Equal(table.Count, built[c].Length);
                for (int g = 0; g < table.Count; g++) Assert.Equal(Text([firstKeys[g][c]]), Text([Normalize(ArrayValues.Get(built[c], g))]));
            }

            // Probing with fresh rows: found exactly when the key was added and has no null.
            var probe = MakeColumns(types, new Random(7), rows: 400, nulls);
            var found = new int[400];
            table.Find(probe, found);
            for (int r = 0; r < 400; r++)
            {
                var key = probe.Select(c => Normalize(ArrayValues.Get(c, r))).ToArray();
                int expected = key.Any(k => k is null) ? -1 : reference.GetValueOrDefault(Text(key), -1);
                Assert.Equal(expected, found[r]);
            }
        }
    }

    [Fact]
    public void NullKeyIsOneGroupAndDistinctFromZeroAndEmpty()
    {
        var table = GroupKeyTable.Create([Int32Type.Default, StringType.Default]);
        var ids = new int[6];
        table.FindOrAdd([Ints(0, null, 0, null, 0, 0), Strings("", "", null, null, "", null)], ids);
        Assert.Equal([0, 1, 2, 3, 0, 2], ids);

        var single = GroupKeyTable.Create([Int64Type.Default]);
        var singleIds = new int[4];
        single.FindOrAdd([Longs(0, null, 0, null)], singleIds);
        Assert.Equal([0, 1, 0, 1], singleIds);
        var found = new int[2];
        single.Find([Longs(null, 0)], found);
        Assert.Equal([-1, 0], found);
    }

    [Fact]
    public void FloatingKeysAreNormalizedLikeSpark()
    {
        var table = GroupKeyTable.Create([DoubleType.Default]);
        var ids = new int[5];
        table.FindOrAdd([Doubles(0.0, -0.0, double.NaN, -double.NaN, 1.0)], ids);
        Assert.Equal([0, 0, 1, 1, 2], ids);
        var keys = ArrayValues.ToList(table.BuildKeys()[0]);
        Assert.Equal(0.0, (double)keys[0]!);
        Assert.False(double.IsNegative((double)keys[0]!));
        Assert.True(double.IsNaN((double)keys[1]!));
    }

    [Fact]
    public void SmallCodesIndexDirectlyUntilABatchDoesNotFit()
    {
        var random = new Random(3);
        ArrowArray[] Batch(int rows, int range, bool nulls) =>
        [
            Ints([.. Enumerable.Range(0, rows).Select(_ => nulls && random.Next(9) == 0 ? null : (int?)random.Next(range))]),
            Strings([.. Enumerable.Range(0, rows).Select(_ => s_words[random.Next(s_words.Length - 1)])]),
        ];
        // Direct while codes stay small, then a wide value, then nulls: ids must match the reference throughout.
        var batches = new[] { Batch(500, 40, false), Batch(500, 40, false), Batch(500, 5000, false), Batch(500, 40, true), Batch(500, 60, false) };
        var table = GroupKeyTable.Create([Int32Type.Default, StringType.Default]);
        var direct = GroupKeyTable.Create([Int32Type.Default, StringType.Default]);
        var reference = new Dictionary<string, int>();
        for (int b = 0; b < batches.Length; b++)
        {
            var ids = new int[500];
            table.FindOrAdd(batches[b], ids);
            for (int r = 0; r < 500; r++)
            {
                string text = Text([.. batches[b].Select(c => Normalize(ArrayValues.Get(c, r)))]);
                if (!reference.TryGetValue(text, out int expected)) expected = reference[text] = reference.Count;
                Assert.Equal(expected, ids[r]);
            }
            if (b == 0)
            {
                // A probe of the direct table: present keys, absent ones, codes beyond the bounds, negatives, nulls.
                direct.FindOrAdd(batches[0], new int[500]);
                ArrowArray[] probe = [Ints(5, 1_000_000, -2, null, (int?)((PrimitiveArray<int>)batches[0][0]).Values[7]), Strings("a", "a", "a", "a", ((StringArray)batches[0][1]).GetString(7))];
                var found = new int[5];
                direct.Find(probe, found);
                var plain = GroupKeyTable.Create([Int32Type.Default, StringType.Default]);
                plain.FindOrAdd([Ints(-1), Strings("x")], new int[1]); // a negative code: hash table from the start
                plain.FindOrAdd(batches[0], new int[500]);
                var expected = new int[5];
                plain.Find(probe, expected);
                Assert.Equal(expected.Select(e => e < 0 ? -1 : e - 1), found);
                Assert.True(found[4] >= 0);
                Assert.Equal([-1, -1, -1], found[1..4]);
            }
        }
        Assert.Equal(reference.Count, table.Count);
    }

    [Fact]
    public void MillionsOfRowsAtOnceAreGroupedByRadixPartitions()
    {
        // Above the radix threshold (2^20 rows): ids must still name exactly the distinct keys, and the table must
        // keep working for batch-by-batch use afterwards (its global slots are rebuilt then).
        var random = new Random(12);
        const int batches = 140, rows = 8192;
        var keys = new List<(string? S, int? I, long? L)>();
        var input = new List<ArrowArray[]>();
        for (int b = 0; b < batches; b++)
        {
            var batch = Enumerable.Range(0, rows).Select(_ => (
                S: random.Next(50) == 0 ? null : "k" + random.Next(700),
                I: random.Next(40) == 0 ? null : (int?)random.Next(1000),
                L: (long?)random.Next(3) << 40)).ToList();
            keys.AddRange(batch);
            input.Add([Strings([.. batch.Select(k => k.S)]), Ints([.. batch.Select(k => k.I)]), Longs([.. batch.Select(k => k.L)])]);
        }
        var table = GroupKeyTable.Create([StringType.Default, Int32Type.Default, Int64Type.Default]);
        var ids = table.FindOrAddAll(input);

        var idOf = new Dictionary<(string?, int?, long?), int>();
        var seenIds = new HashSet<int>();
        for (int b = 0, row = 0; b < batches; b++)
        {
            Assert.Equal(rows, ids[b].Length);
            for (int i = 0; i < rows; i++, row++)
            {
                if (idOf.TryGetValue(keys[row], out int id)) Assert.Equal(id, ids[b][i]);
                else
                {
                    Assert.True(seenIds.Add(ids[b][i]), "two keys share a group id");
                    idOf[keys[row]] = ids[b][i];
                }
            }
        }
        Assert.Equal(idOf.Count, table.Count);
        var built = table.BuildKeys().Select(ArrayValues.ToList).ToArray();
        foreach (var ((s, i, l), id) in idOf)
        {
            Assert.Equal(s, built[0][id]);
            Assert.Equal(i, built[1][id]);
            Assert.Equal(l, built[2][id]);
        }

        var more = new int[3];
        table.FindOrAdd([Strings(keys[5].S, "new", keys[70_000].S), Ints(keys[5].I, 1, keys[70_000].I), Longs(keys[5].L, 9, keys[70_000].L)], more);
        Assert.Equal([idOf[keys[5]], idOf.Count, idOf[keys[70_000]]], more);
        var found = new int[2];
        table.Find([Strings("new", "absent"), Ints(1, 1), Longs(9, 9)], found);
        Assert.Equal([idOf.Count, -1], found);
    }

    [Fact]
    public void SmallAndLargeIntegerKeysShareOneTable()
    {
        // Codes in [0, 2^20) take the direct array, others the hashed slots; ids stay first-seen across both.
        long[] keys = [5, -1, 1 << 20, (1 << 20) - 1, 5, long.MinValue, 0, 1 << 20, 999_999, -1];
        var table = GroupKeyTable.Create([Int64Type.Default]);
        var ids = new int[keys.Length];
        table.FindOrAdd([Longs([.. keys.Select(k => (long?)k)])], ids);
        Assert.Equal([0, 1, 2, 3, 0, 4, 5, 2, 6, 1], ids);
        var found = new int[4];
        table.Find([Longs(999_999, 7, 1 << 21, long.MinValue)], found);
        Assert.Equal([6, -1, -1, 4], found);
        Assert.Equal(keys.Distinct().Select(k => (object?)k), ArrayValues.ToList(table.BuildKeys()[0]));
    }

    [Fact]
    public void IntAndBigintKeysAgreeInAJoinProbe()
    {
        var table = GroupKeyTable.Create([Int64Type.Default]);
        table.FindOrAdd([Longs(5, 7, 1L << 40)], new int[3]);
        var found = new int[3];
        table.Find([Ints(7, 5, 6)], found);
        Assert.Equal([1, 0, -1], found);
    }

    [Fact]
    public void ManyGroupsGrowTheTables()
    {
        const int rows = 200_000;
        var table = GroupKeyTable.Create([StringType.Default, Int32Type.Default]);
        string?[] strings = [.. Enumerable.Range(0, rows).Select(i => "k" + (i % 50_000))];
        int?[] ints = [.. Enumerable.Range(0, rows).Select(i => (int?)(i % 7))];
        var ids = new int[rows];
        table.FindOrAdd([Strings(strings[..(rows / 2)]), Ints(ints[..(rows / 2)])], ids.AsSpan(0, rows / 2));
        table.EnsureCapacity(rows); // grows the slots of a table that already holds groups
        table.FindOrAdd([Strings(strings[(rows / 2)..]), Ints(ints[(rows / 2)..])], ids.AsSpan(rows / 2));
        var reference = new Dictionary<(int, int), int>();
        for (int i = 0; i < rows; i++)
        {
            var key = (i % 50_000, i % 7);
            if (!reference.TryGetValue(key, out int id)) id = reference[key] = reference.Count;
            Assert.Equal(id, ids[i]);
        }
        Assert.Equal(reference.Count, table.Count);
    }

    [Fact]
    public void InternerGivesDenseIdsAndKeepsBytes()
    {
        var interner = new ByteStringInterner();
        var words = Enumerable.Range(0, 5000).Select(i => System.Text.Encoding.UTF8.GetBytes(new string('x', i % 40) + i)).ToList();
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < words.Count; i++) Assert.Equal(i, interner.Intern(words[i]));
        }
        Assert.Equal(words.Count, interner.Count);
        for (int i = 0; i < words.Count; i++)
        {
            Assert.True(interner[i].SequenceEqual(words[i]));
            Assert.Equal(i, interner.Find(words[i]));
        }
        Assert.Equal(-1, interner.Find("absent"u8));
        Assert.Equal(5000, interner.Intern([]));
    }

    [Fact]
    public void HashesAreFixedFunctionsOfTheBytes()
    {
        // Exchanges partition by these hashes, so they must not depend on the process (no random seed).
        Assert.Equal(KeyHashing.Hash("id001"u8), KeyHashing.Hash(System.Text.Encoding.UTF8.GetBytes("id001")));
        Assert.NotEqual(KeyHashing.Hash("id001"u8), KeyHashing.Hash("id002"u8));
        Assert.NotEqual(KeyHashing.Hash(""u8), KeyHashing.Hash("\0"u8));
        Assert.Equal(0xc0cb60d7dd5103ceUL, KeyHashing.Hash("hello, world"u8));
    }

    private static ArrowArray[] MakeColumns(string[] types, Random random, int rows, bool nulls)
    {
        bool Null() => nulls && random.Next(8) == 0;
        return [.. types.Select<string, ArrowArray>(type => type switch
        {
            "int" => Ints([.. Enumerable.Range(0, rows).Select(_ => Null() ? null : (int?)random.Next(-3, 6))]),
            "long" => Longs([.. Enumerable.Range(0, rows).Select(_ => Null() ? null : (long?)(random.Next(6) - 3) * (1L << 40))]),
            "string" => Strings([.. Enumerable.Range(0, rows).Select(_ => Null() ? null : s_words[random.Next(s_words.Length - 1)])]),
            "double" => Doubles([.. Enumerable.Range(0, rows).Select(_ => Null() ? null : (double?)(new[] { 0.0, -0.0, double.NaN, 1.5, -2.25, 1e300 })[random.Next(6)])]),
            "bool" => Bools([.. Enumerable.Range(0, rows).Select(_ => Null() ? null : (bool?)(random.Next(2) == 0))]),
            "binary" => Binary([.. Enumerable.Range(0, rows).Select(_ => Null() ? null : new byte[random.Next(4)].Select(b => (byte)random.Next(3)).ToArray())]),
            _ => throw new ArgumentException(type),
        })];
    }

    private static BinaryArray Binary(byte[]?[] values)
    {
        using var builder = new BinaryArrayBuilder(values.Length);
        foreach (var value in values) builder.Append(value);
        return builder.Build();
    }

    private static object? Normalize(object? value) => value switch
    {
        int i => (long)i,
        double d when d == 0 => 0.0,
        double d when double.IsNaN(d) => "NaN",
        byte[] bytes => Convert.ToHexString(bytes),
        _ => value,
    };

    private static string Text(object?[] key) => string.Join("|", key.Select(k => k is null ? "<null>" : k is double d ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : $"{k.GetType().Name}:{k}"));
}
