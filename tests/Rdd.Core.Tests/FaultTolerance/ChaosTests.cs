using Rdd.Core.Rdds;
using Rdd.Core.Scheduling;
using Rdd.Core.Shuffle;

namespace Rdd.Core.Tests.FaultTolerance;

/// <summary>
/// The engine's promise under faults: whatever fails - task attempts, cached blocks, shuffle outputs in
/// memory or on disk - the answer is the fault-free answer. A multi-stage job (two ReduceByKeys, a Join,
/// a SortByKey, a cached Rdd reused by several actions) runs 100 times under seeded random faults.
/// </summary>
public sealed class ChaosTests
{
    private sealed record Outcome(string Sorted, long CachedCount, long CachedSum, string JoinCounts);

    /// <summary>
    /// <code>
    /// events ─ReduceByKey─▶ perUser (cached) ─Join(names)─▶ joined ─Map─ReduceByKey─SortByKey─▶ byLetter
    /// </code>
    /// </summary>
    private static Outcome RunJob(RddContext sc, int seed, Action<IEnumerable<IRdd>>? onLineage = null)
    {
        var random = new Random(seed);
        var events = Enumerable.Range(0, 3000).Select(_ => (User: random.Next(0, 200), Amount: (long)random.Next(1, 100))).ToArray();
        var users = Enumerable.Range(0, 200).Select(u => (u, $"{(char)('a' + u % 7)}user{u}")).ToArray();

        var perUser = sc.Parallelize(events, 6).ReduceByKey((a, b) => a + b).Cache();
        var joined = perUser.Join(sc.Parallelize(users, 3));
        var byLetter = joined.Map(p => (p.Item2.Item2[0], p.Item2.Item1)).ReduceByKey((a, b) => a + b, 4).SortByKey();
        onLineage?.Invoke(Lineage(byLetter));

        var sorted = string.Join(";", byLetter.Collect().Select(p => $"{p.Item1}={p.Item2}"));
        long count = perUser.Count();
        long sum = perUser.Values().Sum();
        var joinCounts = string.Join(";", joined.CountByKey().OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}"));
        return new Outcome(sorted, count, sum, joinCounts);
    }

    private static List<IRdd> Lineage(IRdd rdd)
    {
        var all = new List<IRdd>();
        var stack = new Stack<IRdd>([rdd]);
        var seen = new HashSet<int>();
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!seen.Add(current.Id)) continue;
            all.Add(current);
            foreach (var dep in current.Dependencies) stack.Push(dep.Rdd);
        }
        return all;
    }

    private static RddContext CreateContext(ExecutionMode mode, long shuffleMemory) => new(new RddConfig
    {
        Parallelism = 2,
        MaxTaskAttempts = 4,
        ExecutionMode = mode,
        ShuffleMemoryBytes = shuffleMemory,
        LocalDir = Path.Combine(Path.GetTempPath(), "rdd-chaos-tests"),
    });

    public static TheoryData<ExecutionMode, long> Modes() => new()
    {
        { ExecutionMode.InMemory, 64L << 20 },   // shuffle outputs kept in memory
        { ExecutionMode.InMemory, 4096 },        // shuffle outputs go to files, buffers spill
        { ExecutionMode.MapReduce, 64L << 20 },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void MultiStageJob_UnderRandomFaults_EqualsFaultFreeResult(ExecutionMode mode, long shuffleMemory)
    {
        Outcome expected;
        using (var clean = CreateContext(mode, shuffleMemory)) expected = RunJob(clean, seed: 42);

        int injected = 0;
        for (int run = 0; run < 34; run++)
        {
            using var sc = CreateContext(mode, shuffleMemory);
            var chaos = new ChaosInjector(sc, seed: run * 7919 + (int)mode);
            sc.FaultInjector = chaos;
            var actual = RunJob(sc, seed: 42, onLineage: chaos.Watch);
            Assert.Equal(expected, actual);
            injected += chaos.Injected;
        }
        Assert.True(injected > 34, $"the chaos injector injected only {injected} faults");
    }

    [Fact]
    public void ChaosInjector_FailuresOnEveryAttempt_WouldFailTheJob()
    {
        // The test above can fail: an injector that never lets a task through makes the job fail.
        using var sc = CreateContext(ExecutionMode.InMemory, 64L << 20);
        sc.FaultInjector = new AlwaysFail();
        Assert.Throws<JobFailedException>(() => RunJob(sc, seed: 1));
    }

    private sealed class AlwaysFail : FaultInjector
    {
        public override void BeforeTask(TaskContext task) => throw new InvalidOperationException("injected");
    }

    /// <summary>
    /// Seeded faults at the start of task attempts: an attempt fails (only the first two attempts, so
    /// MaxTaskAttempts = 4 always suffices), a cached block is evicted, a shuffle output is forgotten, or a
    /// shuffle file is deleted from disk behind the engine's back.
    /// </summary>
    private sealed class ChaosInjector(RddContext context, int seed) : FaultInjector
    {
        private readonly Random _random = new(seed);
        private readonly Lock _gate = new();
        private List<IRdd> _lineage = [];
        private int _lostOutputs;

        public int Injected { get; private set; }

        public void Watch(IEnumerable<IRdd> lineage) => _lineage = lineage.ToList();

        public override void BeforeTask(TaskContext task)
        {
            lock (_gate)
            {
                double roll = _random.NextDouble();
                if (roll < 0.15 && task.AttemptNumber < 2)
                {
                    Injected++;
                    throw new InvalidOperationException($"injected failure in stage {task.StageId}, partition {task.PartitionId}");
                }
                if (roll < 0.30)
                {
                    var cached = _lineage.Where(r => r.StorageLevel != StorageLevel.None).ToList();
                    foreach (var rdd in cached)
                    {
                        if (context.Storage.Evict(rdd.Id, _random.Next(rdd.Partitions.Length))) Injected++;
                    }
                    return;
                }
                // Lost shuffle outputs are bounded per run so that a reduce task's refetches stay within the scheduler's limit.
                if (roll < 0.40 && _lostOutputs < 6)
                {
                    var shuffles = _lineage.SelectMany(r => r.Dependencies).OfType<ShuffleDependency>().ToList();
                    if (shuffles.Count == 0) return;
                    var victim = shuffles[_random.Next(shuffles.Count)];
                    if (context.Shuffle.RemoveMapOutput(victim.ShuffleId, _random.Next(victim.Rdd.Partitions.Length)))
                    {
                        _lostOutputs++;
                        Injected++;
                    }
                    return;
                }
                if (roll < 0.50 && _lostOutputs < 6)
                {
                    var folder = Path.Combine(context.LocalDir, "shuffle");
                    var files = Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
                    if (files.Length == 0) return;
                    File.Delete(files[_random.Next(files.Length)]);
                    _lostOutputs++;
                    Injected++;
                }
            }
        }
    }
}
