using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.DataFrames;

/// <summary>A cached frame keeps the partitioning of the query it ran: partitions, their batches, their order.</summary>
public sealed class CacheTests : IDisposable
{
    public sealed record Item(int Id, int? Group, string? Tag, double Value);

    private readonly RddContext _context = new(new RddConfig { Parallelism = 3 });
    private readonly SqlContext _sql;

    public CacheTests() => _sql = new SqlContext(_context);

    public void Dispose() => _context.Dispose();

    private static Item[] Items(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new Item(
            i,
            random.Next(8) == 0 ? null : random.Next(25),
            random.Next(5) == 0 ? null : "t" + random.Next(9),
            Math.Round(random.NextDouble() * 10, 3)))];
    }

    /// <summary>The row count of each batch, partition by partition: the frame's physical layout.</summary>
    private static int[][] Layout(DataFrame frame) =>
        [.. frame.Execute().Glom().Collect().Select(p => p.Select(b => b.Length).ToArray())];

    private static string[] Rows(DataFrame frame) => [.. frame.Collect().Select(r => string.Join("|", r.Values))];

    [Fact]
    public void Partitions_batches_and_row_order_survive()
    {
        // Three partitions of several batches each, built directly so that a partition holds more than one batch.
        var items = Items(600, seed: 1);
        var whole = _sql.CreateDataFrame(items);
        var batches = whole.Execute().Collect().SelectMany(b => Enumerable.Range(0, 4).Select(i => b.Slice(i * b.Length / 4, (i + 1) * b.Length / 4 - i * b.Length / 4))).ToList();
        IReadOnlyList<IReadOnlyList<RecordBatch>> partitions = [batches[..5], batches[5..6], batches[6..]];
        var source = new DataSource(DataSourceFormat.Batches, [], new Dictionary<string, string>(), whole.Schema, partitions);
        var frame = new DataFrame(_sql, Scan.Create(source)).Where(Col("Value") > 2.5);

        var cached = frame.Cache();

        Assert.Equal(3, cached.Execute().NumPartitions);
        Assert.Equal(Layout(frame), Layout(cached));
        Assert.Equal(Rows(frame), Rows(cached));
        Assert.Equal(items.Where(i => i.Value > 2.5).Select(i => i.Id), cached.Collect().Select(r => (int)r["Id"]!));
    }

    [Fact]
    public void An_empty_partition_stays_empty()
    {
        var items = Items(300, seed: 2);
        // Ids are spread in order over three partitions: the middle one holds ids 100..199 and nothing survives there.
        var frame = _sql.CreateDataFrame(items).Where(Col("Id") < 100 | Col("Id") >= 200);
        Assert.Equal(3, frame.Execute().NumPartitions);

        var cached = frame.Cache();

        var layout = Layout(cached);
        Assert.Equal(3, layout.Length);
        Assert.Equal(0, layout[1].Sum());
        Assert.Equal(Layout(frame), layout);
        Assert.Equal(Rows(frame), Rows(cached));
    }

    [Fact]
    public void A_shuffled_query_keeps_its_shuffle_partitions()
    {
        var items = Items(1000, seed: 3);
        var grouped = _sql.CreateDataFrame(items).GroupBy("Group").Agg(Count(Lit(1)).As("n"), Sum(Col("Value")).As("total"));
        int partitions = grouped.Execute().NumPartitions;

        var cached = grouped.Cache();

        Assert.Equal(partitions, cached.Execute().NumPartitions);
        Assert.Equal(Layout(grouped), Layout(cached));
        Assert.Equal(Rows(grouped).Order(StringComparer.Ordinal), Rows(cached).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Queries_over_a_cached_frame_give_the_same_results()
    {
        var items = Items(2000, seed: 4);
        var frame = _sql.CreateDataFrame(items);
        var cached = frame.Cache();

        string[] Summary(DataFrame f) => [.. f.GroupBy("Tag").Agg(Count(Lit(1)).As("n"), Max(Col("Value")).As("top")).Collect()
            .Select(r => $"{r["Tag"]}|{r["n"]}|{r["top"]}").Order(StringComparer.Ordinal)];
        var expected = items.GroupBy(i => i.Tag).Select(g => $"{g.Key}|{g.Count()}|{g.Max(i => i.Value)}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, Summary(frame));
        Assert.Equal(expected, Summary(cached));
        Assert.Equal(items.Length, cached.Count());
        Assert.Equal(Rows(frame.OrderBy("Id")), Rows(cached.OrderBy("Id")));
    }

    [Fact]
    public void Caching_works_where_task_results_and_shuffles_go_through_files()
    {
        using var context = new RddContext(new RddConfig
        {
            Parallelism = 3,
            ExecutionMode = ExecutionMode.MapReduce,
            LocalDir = Path.Combine(Path.GetTempPath(), "rdd-cache-tests", Guid.NewGuid().ToString("N")),
        });
        var sql = new SqlContext(context);
        var items = Items(900, seed: 8);
        var frame = sql.CreateDataFrame(items).Where(Col("Value") < 7.5);

        var cached = frame.Cache();

        Assert.Equal(Layout(frame), Layout(cached));
        Assert.Equal(Rows(frame), Rows(cached));
        var expected = items.Where(i => i.Value < 7.5).GroupBy(i => i.Group).Select(g => $"{g.Key}|{g.Count()}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, cached.GroupBy("Group").Count().Collect().Select(r => $"{r["Group"]}|{r["count"]}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Broadcast_decision_counts_the_cached_rows_and_planning_does_not_compute_the_cache()
    {
        // An Item row is 44 bytes by Spark's default sizes (8 per row, int 4, int 4, string 20, double 8): 50 rows fit, 100 do not.
        _sql.Conf.Set("spark.sql.autoBroadcastJoinThreshold", "3000b");
        var small = _sql.CreateDataFrame(Items(50, seed: 5)).Cache();
        var large = _sql.CreateDataFrame(Items(10_001, seed: 6)).Cache();
        var left = _sql.CreateDataFrame(Items(100, seed: 7));

        // Before an action computes the cache its size is the cached query's estimate, and planning must not compute it.
        Assert.True(JoinOf(left.Join(small, "Id")).BroadcastRight);
        Assert.False(((Rdd.Sql.Planning.Logical.InMemoryRelation)small.Plan).Data.IsMaterialized);
        Assert.Equal(50, small.Count());
        Assert.Equal(10_001, large.Count());
        Assert.True(JoinOf(left.Join(small, "Id")).BroadcastRight);
        Assert.False(JoinOf(left.Join(large, "Id")).BroadcastRight);
        Assert.Equal(50, left.Join(small, "Id").Count());
        Assert.Equal(100, left.Join(large, "Id").Count());
    }

    private sealed class JobCounter : IRddListener
    {
        private int _jobs;

        public int Jobs => Volatile.Read(ref _jobs);

        public void OnJobStarted(JobStarted e) => Interlocked.Increment(ref _jobs);
    }

    [Fact]
    public void Cache_is_lazy_returns_the_frame_and_the_first_action_computes_it_once()
    {
        var items = Items(400, seed: 8);
        var folder = Directory.CreateTempSubdirectory("rdd-cache-tests").FullName;
        try
        {
            string path = Path.Combine(folder, "items.csv");
            File.WriteAllLines(path, ["Id,Group,Value", .. items.Select(i => FormattableString.Invariant($"{i.Id},{i.Group},{i.Value}"))]);
            var source = _sql.Read.Csv(path, header: true, inferSchema: true);
            var counter = new JobCounter();
            _context.AddListener(counter);

            var frame = source.Where(Col("Value") > 1.0);
            var cached = frame.Cache();
            Assert.Same(frame, cached);
            Assert.Contains("InMemoryRelation", frame.ExplainString(extended: true)); // Explain plans, it does not compute
            Assert.Equal(0, counter.Jobs);

            long expected = items.Count(i => i.Value > 1.0);
            Assert.Equal(expected, frame.Count());
            Assert.True(counter.Jobs > 0);

            // The file is gone: later queries on the frame, or on frames built from it, must read the cache.
            File.Delete(path);
            Assert.Equal(expected, frame.Count());
            var grouped = frame.GroupBy("Group").Agg(Sum(Col("Value")).As("total")).Collect();
            Assert.Equal(items.Where(i => i.Value > 1.0).Select(i => i.Group).Distinct().Count(), grouped.Length);
            Assert.Same(frame, frame.Cache());
            Assert.Throws<FileNotFoundException>(() => source.Count()); // the uncached frame does read the file
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_cache_lives_in_the_block_store_and_a_lost_partition_is_recomputed_alone()
    {
        int computed = 0;
        var items = Items(900, seed: 9);
        var rdd = _context.Parallelize(items, 3).Map(i =>
        {
            Interlocked.Increment(ref computed);
            return i;
        });
        var frame = _sql.CreateDataFrame(rdd).Cache();
        string[] expected = [.. Rows(frame)];
        Assert.Equal(900, Volatile.Read(ref computed));
        Assert.Equal(expected, Rows(frame));
        Assert.Equal(900, Volatile.Read(ref computed));

        var cachedRdd = ((InMemoryRelation)frame.Plan).Data.Rdd;
        Assert.Equal([0, 1, 2], cachedRdd.CachedPartitions.Order());
        _context.Storage.Evict(cachedRdd.Id, 1);
        Assert.Equal(expected, Rows(frame));
        Assert.Equal(1200, Volatile.Read(ref computed)); // only partition 1 (300 rows) ran again
    }

    [Fact]
    public void Batches_beyond_the_storage_budget_go_to_disk_and_read_back()
    {
        using var context = new RddContext(new RddConfig
        {
            Parallelism = 2,
            StorageMemoryBytes = 1,
            LocalDir = Path.Combine(Path.GetTempPath(), "rdd-cache-tests", Guid.NewGuid().ToString("N")),
        });
        var sql = new SqlContext(context);
        int computed = 0;
        var items = Items(2000, seed: 10);
        var frame = sql.CreateDataFrame(context.Parallelize(items, 4).Map(i =>
        {
            Interlocked.Increment(ref computed);
            return i;
        })).Cache();
        var byTag = frame.GroupBy("Tag").Agg(Count(Lit(1)).As("n")).Collect().ToDictionary(r => (string?)r[0] ?? "<null>", r => (long)r[1]!);
        Assert.Equal(2000, Volatile.Read(ref computed));
        // Every block went to disk (as Arrow IPC, without the dictionary codes): read back, same rows, no recomputation.
        Assert.Equal(items.GroupBy(i => i.Tag ?? "<null>").ToDictionary(g => g.Key, g => (long)g.Count()),
            frame.GroupBy("Tag").Agg(Count(Lit(1)).As("n")).Collect().ToDictionary(r => (string?)r[0] ?? "<null>", r => (long)r[1]!));
        Assert.Equal(byTag.Count, items.Select(i => i.Tag).Distinct().Count());
        Assert.Equal(2000, Volatile.Read(ref computed));
    }

    private static HashJoinExec JoinOf(DataFrame frame)
    {
        var pending = new Stack<PhysicalPlan>([frame.Physical()]);
        while (pending.TryPop(out var plan))
        {
            if (plan is HashJoinExec join)
            {
                return join;
            }
            foreach (var child in plan.Children)
            {
                pending.Push(child);
            }
        }
        throw new InvalidOperationException("No hash join in the plan.");
    }
}
