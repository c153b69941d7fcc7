using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Execution.Caching;
using Rdd.Sql.Execution.Kernels;
using static Rdd.Sql.Functions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Caching;

/// <summary>
/// Dictionary codes on cached string columns are an acceleration only: values, hashes, group ids and query results
/// must be exactly those of the same columns without codes.
/// </summary>
public sealed class DictionaryCodesTests : IDisposable
{
    public sealed record Item(int Id, string? Tag, string? Unique, string? Nothing, double Value);

    private readonly RddContext _context = new(new RddConfig { Parallelism = 2 });
    private readonly SqlContext _sql;

    public DictionaryCodesTests() => _sql = new SqlContext(_context);

    public void Dispose() => _context.Dispose();

    private static List<RecordBatch> Batches(int seed, int batches = 3, int rows = 200)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, batches).Select(b => Make(
            ("tag", Strings([.. Enumerable.Range(0, rows).Select(_ => random.Next(6) == 0 ? null : "t" + random.Next(12))])),
            ("unique", Strings([.. Enumerable.Range(0, rows).Select(i => $"u{b}-{i}")])),
            ("nothing", Strings([.. Enumerable.Range(0, rows).Select(_ => (string?)null)])),
            ("n", Ints([.. Enumerable.Range(0, rows).Select(i => (int?)i)]))))];
    }

    [Fact]
    public void Low_cardinality_columns_get_one_shared_dictionary_and_values_are_unchanged()
    {
        var batches = Batches(seed: 1);
        var encoded = CachedPartitionEncoder.Encode(batches);

        var dictionaries = encoded.Select(b => DictionaryCodes.Of(b.Columns[0])?.Dictionary).ToList();
        Assert.All(dictionaries, Assert.NotNull);
        Assert.All(dictionaries, d => Assert.Same(dictionaries[0], d));
        Assert.True(dictionaries[0]!.Length <= 12);
        Assert.All(encoded, b => Assert.Null(DictionaryCodes.Of(b.Columns[1]))); // every value distinct: not worth it
        Assert.All(encoded, b => Assert.Null(DictionaryCodes.Of(b.Columns[2]))); // all null: nothing to code

        for (int b = 0; b < batches.Count; b++)
        {
            for (int c = 0; c < batches[b].ColumnCount; c++)
            {
                Assert.Equal(ArrayValues.ToList(batches[b].Columns[c]), ArrayValues.ToList(encoded[b].Columns[c]));
            }
            var tags = (StringArray)encoded[b].Columns[0];
            var tagCodes = DictionaryCodes.Of(tags)!;
            var codes = tagCodes.Codes.Span;
            for (int i = 0; i < tags.Length; i++)
            {
                if (tags.IsValid(i)) Assert.Equal(tags.GetString(i), ((StringArray)tagCodes.Dictionary).GetString(codes[i]));
            }
        }
    }

    [Fact]
    public void Hashes_group_ids_and_gathers_agree_with_the_plain_column()
    {
        var plain = Batches(seed: 2);
        var coded = CachedPartitionEncoder.Encode(plain);
        var plainTable = GroupKeyTable.Create([plain[0].Columns[0].Data.DataType, plain[0].Columns[3].Data.DataType]);
        var codedTable = GroupKeyTable.Create([plain[0].Columns[0].Data.DataType, plain[0].Columns[3].Data.DataType]);
        for (int b = 0; b < plain.Count; b++)
        {
            Assert.Equal(RowHasher.Hash([plain[b].Columns[0]], plain[b].Length), RowHasher.Hash([coded[b].Columns[0]], coded[b].Length));

            // Keys of a tuple that mixes the coded column with an integer one: same group ids, same keys back.
            var mod = Ints([.. Enumerable.Range(0, plain[b].Length).Select(i => (int?)(i % 3))]);
            var plainIds = new int[plain[b].Length];
            var codedIds = new int[plain[b].Length];
            plainTable.FindOrAdd([plain[b].Columns[0], mod], plainIds);
            codedTable.FindOrAdd([coded[b].Columns[0], mod], codedIds);
            Assert.Equal(plainIds, codedIds);

            int[] pick = [.. Enumerable.Range(0, plain[b].Length).Where(i => i % 7 != 3).Reverse()];
            var taken = (BinaryArray)TakeKernel.Take(coded[b].Columns[0], pick);
            Assert.NotNull(DictionaryCodes.Of(taken));
            Assert.Equal(ArrayValues.ToList(TakeKernel.Take(plain[b].Columns[0], pick)), ArrayValues.ToList(taken));
            Assert.Equal(RowHasher.Hash([TakeKernel.Take(plain[b].Columns[0], pick)], pick.Length), RowHasher.Hash([taken], pick.Length));
        }
        Assert.Equal(ArrayValues.ToList(plainTable.BuildKeys()[0]), ArrayValues.ToList(codedTable.BuildKeys()[0]));

        // Single-key tables take the dictionary path too, including a column whose codes come from two dictionaries.
        var other = CachedPartitionEncoder.Encode(Batches(seed: 3));
        var single = GroupKeyTable.Create([plain[0].Columns[0].Data.DataType]);
        var reference = GroupKeyTable.Create([plain[0].Columns[0].Data.DataType]);
        foreach (var batch in coded.Concat(other))
        {
            var ids = new int[batch.Length];
            var expected = new int[batch.Length];
            single.FindOrAdd([batch.Columns[0]], ids);
            reference.FindOrAdd([new StringArray(batch.Columns[0].Data)], expected);
            Assert.Equal(expected, ids);
        }
    }

    [Fact]
    public void Queries_over_a_cached_frame_give_the_uncached_results()
    {
        var random = new Random(4);
        var items = Enumerable.Range(0, 3000).Select(i => new Item(
            i, random.Next(9) == 0 ? null : "g" + random.Next(40), "u" + i, null, Math.Round(random.NextDouble(), 4))).ToArray();
        var frame = _sql.CreateDataFrame(items);
        var cached = frame.Cache();
        var small = _sql.CreateDataFrame(Enumerable.Range(0, 50).Select(i => new Item(i, "g" + i, null, null, i)).ToArray());

        foreach (var query in new Func<DataFrame, DataFrame>[]
        {
            f => f.GroupBy("Tag").Agg(Count(Lit(1)).As("n"), Sum(Col("Value")).As("s")),
            f => f.GroupBy("Tag", "Nothing").Agg(Max(Col("Id")).As("m")),
            f => f.Select("Tag").Distinct(),
            f => f.Join(small.Select(Col("Tag"), Col("Id").As("SmallId")), "Tag"),
            f => f.Where(Col("Tag") == Lit("g7")).GroupBy("Tag").Count(),
        })
        {
            Assert.Equal(Sorted(query(frame)), Sorted(query(cached)));
        }
    }

    private static List<string> Sorted(DataFrame frame) =>
        [.. frame.Collect().Select(r => string.Join("|", r.Values.Select(v => v is double d ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : v?.ToString() ?? "null"))).Order(StringComparer.Ordinal)];

    [Fact]
    public void Comparisons_of_a_coded_column_with_a_literal_match_those_of_the_plain_column()
    {
        var random = new Random(11);
        string[] entries = ["", "AIR", "AIR REG", "MAIL", "TRUCK", "é"];
        var dictionary = Strings([.. entries]);
        const int rows = 300;
        var codes = new int[rows];
        var values = new string?[rows];
        for (int i = 0; i < rows; i++)
        {
            if (random.Next(7) == 0)
            {
                // A null row's code is unspecified: out of range, or any entry.
                codes[i] = random.Next(2) == 0 ? 1000 : random.Next(entries.Length);
                continue;
            }
            codes[i] = random.Next(entries.Length);
            values[i] = entries[codes[i]];
        }
        var plain = Strings(values);
        var coded = (ArrowArray)DictionaryCodes.Attach(plain, new DictionaryCodes(dictionary, codes));
        foreach (var literal in new[] { "AIR", "AIR REG", "B", "", "é", "ZZZ" })
        {
            foreach (var op in Enum.GetValues<Rdd.Sql.Expressions.ComparisonOperator>())
            {
                foreach (bool columnLeft in new[] { true, false })
                {
                    BooleanArray Run(ArrowArray column) => columnLeft
                        ? CompareKernels.Compute(op, Apache.Arrow.Types.StringType.Default, Operand.Of(column), Operand.OfScalar(literal), rows)
                        : CompareKernels.Compute(op, Apache.Arrow.Types.StringType.Default, Operand.OfScalar(literal), Operand.Of(column), rows);
                    var expected = Run(plain);
                    var actual = Run(coded);
                    for (int i = 0; i < rows; i++)
                    {
                        Assert.True(expected.GetValue(i) == actual.GetValue(i),
                            $"Row {i} ('{values[i]}') {op} '{literal}' (column {(columnLeft ? "left" : "right")}): {expected.GetValue(i)} plain, {actual.GetValue(i)} coded.");
                    }
                }
            }
        }
        // The answers themselves, for one case: the coded path must not agree with a broken plain path.
        var air = CompareKernels.Compute(Rdd.Sql.Expressions.ComparisonOperator.Equal, Apache.Arrow.Types.StringType.Default,
            Operand.Of(coded), Operand.OfScalar("AIR"), rows);
        Assert.Equal(values.Select(v => v is null ? (bool?)null : v == "AIR"), Enumerable.Range(0, rows).Select(i => air.GetValue(i)));
    }
}
