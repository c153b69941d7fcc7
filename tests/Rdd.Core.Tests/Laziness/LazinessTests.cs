using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Laziness;

/// <summary>
/// Every transformation only builds an Rdd: defining a chain enumerates no source, runs no user delegate,
/// lists no file and starts no job or process. The action that follows runs all of it.
/// </summary>
public sealed class LazinessTests : IDisposable
{
    private readonly RddContext _context = TestContexts.Create(parallelism: 2, maxTaskAttempts: 1);
    private readonly RecordingListener _listener = new();
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, Func<Rdd<int>, Func<long>>> _chains;
    private int _sourceEnumerations;
    private int _delegateCalls;

    public LazinessTests()
    {
        _context.AddListener(_listener);
        // Each entry builds one transformation (its own delegates counted too) and returns the action to run later.
        _chains = new()
        {
            ["Map"] = r => r.Map(x => Tick(x + 1)).Count,
            ["Filter"] = r => r.Filter(x => Tick(x) % 2 == 0).Count,
            ["FlatMap"] = r => r.FlatMap(x => new[] { Tick(x), x }).Count,
            ["MapPartitions"] = r => r.MapPartitions(items => items.Select(Tick)).Count,
            ["MapPartitionsWithIndex"] = r => r.MapPartitionsWithIndex((i, items) => items.Select(x => Tick(x + i))).Count,
            ["Glom"] = r => r.Glom().Count,
            ["KeyBy"] = r => r.KeyBy(x => Tick(x % 3)).Count,
            ["ReduceByKey"] = r => r.Map(x => (x % 3, x)).ReduceByKey((a, b) => Tick(a + b)).Count,
            ["GroupByKey"] = r => r.Map(x => (x % 3, x)).GroupByKey().Count,
            ["GroupBy"] = r => r.GroupBy(x => Tick(x % 3)).Count,
            ["Join"] = r => r.Map(x => (x % 3, x)).Join(r.Map(x => (Tick(x) % 3, -x))).Count,
            ["SortByKey"] = r => r.Map(x => (-x, x)).SortByKey().Count,
            ["SortBy"] = r => r.SortBy(x => Tick(-x)).Count,
            ["Distinct"] = r => r.Map(x => x % 4).Distinct().Count,
            ["Intersection"] = r => r.Intersection(r.Map(x => Tick(x * 2))).Count,
            ["Subtract"] = r => r.Subtract(r.Map(x => Tick(x * 2))).Count,
            ["Repartition"] = r => r.Repartition(3).Count,
            ["CoalesceWithShuffle"] = r => r.Coalesce(1, shuffle: true).Count,
            ["Coalesce"] = r => r.Coalesce(1).Count,
            ["ZipWithIndex"] = r => r.ZipWithIndex().Count,
            ["Zip"] = r => r.Zip(r.Map(Tick)).Count,
            ["Sample"] = r => r.Sample(false, 0.5, seed: 1).Count,
            ["RandomSplit"] = r => r.RandomSplit([0.5, 0.5], seed: 1)[0].Count,
            ["Union"] = r => r.Union(r.Map(Tick)).Count,
            ["Cartesian"] = r => r.Cartesian(r.Map(Tick)).Count,
            ["Pipe"] = r => r.Pipe("cat").Count,
            ["QuerySyntax"] = r => (from x in r where Tick(x) > 0 from y in Enumerable.Range(0, x) select new { x, y }).Count,
            ["Cache"] = r => r.Map(Tick).Cache().Count,
        };
    }

    public void Dispose()
    {
        _context.Dispose();
        _temp.Dispose();
    }

    public static TheoryData<string> Transformations =>
    [
        "Map", "Filter", "FlatMap", "MapPartitions", "MapPartitionsWithIndex", "Glom", "KeyBy", "ReduceByKey", "GroupByKey",
        "GroupBy", "Join", "SortByKey", "SortBy", "Distinct", "Intersection", "Subtract", "Repartition", "CoalesceWithShuffle",
        "Coalesce", "ZipWithIndex", "Zip", "Sample", "RandomSplit", "Union", "Cartesian", "Pipe", "QuerySyntax", "Cache",
    ];

    private int Tick(int x)
    {
        Interlocked.Increment(ref _delegateCalls);
        return x;
    }

    private IEnumerable<int> CountedSource(int n)
    {
        Interlocked.Increment(ref _sourceEnumerations);
        for (int i = 0; i < n; i++) yield return i;
    }

    /// <summary>A source whose enumeration and per-element delegate are both counted.</summary>
    private Rdd<int> Source() => _context.Parallelize(CountedSource(20), 3).Map(Tick);

    [Theory]
    [MemberData(nameof(Transformations))]
    public void Transformation_BeforeAnyAction_RunsNothing(string transformation)
    {
        var action = _chains[transformation](Source());

        Assert.Equal(0, _delegateCalls);
        Assert.Equal(0, _sourceEnumerations);
        Assert.Empty(_listener.JobsStarted);

        long count = action();

        Assert.True(_delegateCalls > 0, $"{transformation}: the action ran no delegate");
        Assert.Equal(1, _sourceEnumerations);
        Assert.NotEmpty(_listener.JobsStarted);
        Assert.True(count >= 0);
    }

    [Fact]
    public void Transformation_ChainOfManyBeforeAnyAction_RunsNothing()
    {
        var chain = Source()
            .Map(x => Tick(x) + 1)
            .Filter(x => Tick(x) > 2)
            .KeyBy(x => Tick(x) % 5)
            .ReduceByKey((a, b) => Tick(a) + b)
            .SortByKey()
            .Map(p => p.Item2)
            .Distinct()
            .Repartition(2)
            .ZipWithIndex();

        Assert.Equal(0, _delegateCalls);
        Assert.Equal(0, _sourceEnumerations);
        Assert.Empty(_listener.JobsStarted);

        Assert.Equal(5, chain.Count());
        Assert.True(_delegateCalls > 0);
    }

    [Fact]
    public void TextFile_MissingPath_DefiningTheChainDoesNotThrow()
    {
        string missing = _temp.PathOf("does/not/exist.txt");

        var chain = _context.TextFile(missing).Map(l => l.Length).Filter(n => Tick(n) > 0).Distinct();

        Assert.Empty(_listener.JobsStarted);
        var error = Assert.Throws<FileNotFoundException>(() => chain.Count());
        Assert.Contains("exist.txt", error.Message);
        Assert.Equal(0, _delegateCalls);
    }

    [Fact]
    public void TextFile_FileCreatedAfterDefinition_IsReadByTheAction()
    {
        string path = _temp.PathOf("later.txt");
        var lines = _context.TextFile(path).Map(l => l.ToUpperInvariant());
        var wholeFiles = _context.WholeTextFiles(_temp.PathOf("later*"));

        File.WriteAllText(path, "created\nafter\n");

        Assert.Equal(["CREATED", "AFTER"], lines.Collect());
        Assert.Single(wholeFiles.Collect());
    }

    [Fact]
    public void TextFile_FolderFilledAfterDefinition_ListsFilesAtActionTime()
    {
        string folder = _temp.PathOf("incoming");
        Directory.CreateDirectory(folder);
        var lines = _context.TextFile(folder);

        File.WriteAllText(Path.Combine(folder, "a.txt"), "one\n");
        File.WriteAllText(Path.Combine(folder, "b.txt"), "two\n");

        Assert.Equal(["one", "two"], lines.Collect());
    }

    [Fact]
    public void Pipe_BeforeAnyAction_StartsNoProcess()
    {
        string marker = _temp.PathOf("touched");

        var piped = _context.Parallelize(new[] { 1 }, 1).Pipe($"touch {marker}");

        Assert.False(File.Exists(marker));
        Assert.Empty(piped.Collect());
        Assert.True(File.Exists(marker));
    }

    [Fact]
    public void ObjectFile_MissingPath_ThrowsOnlyAtAction()
    {
        var rdd = _context.ObjectFile<int>(_temp.PathOf("no-object-file"));

        Assert.Throws<FileNotFoundException>(() => rdd.Collect());
    }

    [Fact]
    public void Checkpoint_Marking_RunsNothingUntilAnAction()
    {
        _context.SetCheckpointDir(_temp.PathOf("checkpoints"));
        var rdd = Source();

        rdd.Checkpoint();

        Assert.Equal(0, _delegateCalls);
        Assert.False(Directory.EnumerateFileSystemEntries(_temp.PathOf("checkpoints")).Any());
        Assert.Equal(20, rdd.Count());
        Assert.True(rdd.IsCheckpointed);
    }
}
