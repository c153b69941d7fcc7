using Rdd.Core;
using Rdd.Sql;
using static Rdd.Sql.Functions;

namespace Rdd.MlLib.Tests.Linalg;

public sealed class VectorColumnTests : IDisposable
{
    private readonly RddContext _context = new(new RddConfig { Parallelism = 2 });
    private readonly SqlContext _sql;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rdd-mllib-tests-" + Guid.NewGuid().ToString("N"));

    public VectorColumnTests() => _sql = new SqlContext(_context);

    public void Dispose()
    {
        _context.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static readonly LabeledPoint[] Points =
    [
        new(1, Vectors.Dense(0.1, 0.2)),
        new(0, Vectors.Sparse(5, [1, 3], [0.5, 2.0])),
        new(1, Vectors.Dense(-1, double.NaN)),
        new(0, Vectors.Sparse(3, [], [])),
        new(1, Vectors.Dense()),
    ];

    private DataFrame Frame() => _sql.CreateDataFrame(Points);

    [Fact]
    public void LabeledPointsBecomeAVectorColumnAndComeBackAsVectors()
    {
        var df = Frame();
        Assert.Equal("vector", df.Schema["features"].DataType.SimpleString);
        Assert.Same(VectorType.Instance, df.Schema["features"].DataType);
        var rows = df.Collect();
        Assert.Equal(Points.Select(p => p.Features), rows.Select(r => r.Get<Vector>(1)));
        Assert.IsType<SparseVector>(rows[1]["features"]);
        Assert.Equal("[0.0,(5,[1,3],[0.5,2.0])]", rows[1].ToString());
    }

    [Fact]
    public void ShowPrintsVectorsAsSpark()
    {
        var text = Frame().ShowString(20, 0);
        Assert.Contains("|0.0  |(5,[1,3],[0.5,2.0])|", text);
        Assert.Contains("|1.0  |[0.1,0.2]          |", text);
        Assert.Contains("|1.0  |[-1.0,NaN]         |", text);
    }

    [Fact]
    public void NullVectorsStayNull()
    {
        var df = _sql.CreateDataFrame(new[] { new LabeledPoint(1, Vectors.Dense(1)), new LabeledPoint(2, null!) });
        var rows = df.Collect();
        Assert.Null(rows[1][1]);
        Assert.Equal(1, df.Where(Col("features").IsNull()).Count());
    }

    [Fact]
    public void VectorsFollowTheirRowsThroughFiltersSortsUnionsAndCaches()
    {
        var df = Frame();
        var sorted = df.Where(Col("label") > 0.5).Union(df.Where(Col("label") < 0.5)).OrderBy(Col("label").Desc()).Cache();
        var rows = sorted.Collect();
        Assert.Equal(5, rows.Length);
        var expected = Points.Where(p => p.Label > 0.5).Concat(Points.Where(p => p.Label < 0.5)).ToDictionary(p => p.Features.ToString(), p => p.Label);
        foreach (var row in rows)
        {
            Assert.Equal(expected[row.Get<Vector>(1).ToString()], row.Get<double>(0));
        }
        Assert.Equal(rows, sorted.Collect());
        var joined = df.Join(_sql.CreateDataFrame(new[] { new { label = 0.0, name = "zero" } }), "label").Collect();
        Assert.Equal(2, joined.Length);
        Assert.All(joined, r => Assert.IsAssignableFrom<Vector>(r["features"]));
    }

    [Fact]
    public void MapReduceModeShufflesVectorsThroughArrowFiles()
    {
        using var context = new RddContext(new RddConfig { Parallelism = 2, ExecutionMode = ExecutionMode.MapReduce });
        var sql = new SqlContext(context);
        var rows = sql.CreateDataFrame(Points).OrderBy(Col("label"), Col("features").IsNull()).Collect();
        Assert.Equal(Points.OrderBy(p => p.Label).Select(p => p.Features).ToHashSet(), rows.Select(r => r.Get<Vector>(1)).ToHashSet());
        Assert.Equal([0.0, 0.0, 1.0, 1.0, 1.0], rows.Select(r => r.Get<double>(0)));
    }

    [Fact]
    public void ArrowFilesKeepTheVectorType()
    {
        string path = Path.Combine(_folder, "points.arrow");
        Frame().Write.Arrow(path);
        var back = _sql.Read.Arrow(path);
        Assert.Same(VectorType.Instance, back.Schema["features"].DataType);
        Assert.Equal(Points.Select(p => p.Features), back.Collect().Select(r => r.Get<Vector>(1)));
    }

    [Fact]
    public void JsonFilesWriteSparksVectorObjectsAndReadThemBack()
    {
        string path = Path.Combine(_folder, "points.json");
        Frame().Write.Json(path);
        string text = string.Concat(Directory.GetFiles(path, "part-*").Order().Select(File.ReadAllText));
        Assert.Contains("""{"label":1.0,"features":{"type":1,"values":[0.1,0.2]}}""", text);
        Assert.Contains("""{"label":0.0,"features":{"type":0,"size":5,"indices":[1,3],"values":[0.5,2.0]}}""", text);
        Assert.Contains("""{"type":1,"values":[-1.0,"NaN"]}""", text);
        var back = _sql.Read.Json(path);
        Assert.Same(VectorType.Instance, back.Schema["features"].DataType);
        Assert.Equal(Points.Select(p => p.Features).ToHashSet(), back.Collect().Select(r => (Vector)r["features"]!).ToHashSet());
    }

    [Fact]
    public void MalformedJsonVectorsAreMalformedRecordsNamingTheLine()
    {
        Directory.CreateDirectory(_folder);
        string path = Path.Combine(_folder, "bad.json");
        File.WriteAllLines(path,
        [
            """{"id":1,"v":{"type":1,"values":[1.0]}}""",
            """{"id":2,"v":{"type":0,"size":3,"indices":[2,1],"values":[1.0,2.0]}}""",
        ]);
        var permissive = _sql.Read.Json(path).OrderBy("id").Collect();
        Assert.Equal(Vectors.Dense(1.0), permissive[0]["v"]);
        Assert.Null(permissive[1]["v"]);
        var e = Assert.ThrowsAny<Exception>(() => _sql.Read.Option("mode", "FAILFAST").Json(path).Collect());
        string message = (e.InnerException ?? e).Message;
        Assert.Contains("bad.json", message);
        Assert.Contains("line 2", message);
        Assert.Contains("strictly increasing", message);
    }

    [Fact]
    public void CsvRefusesVectorColumnsBeforeWritingAnything()
    {
        string path = Path.Combine(_folder, "points.csv");
        var e = Assert.Throws<NotSupportedException>(() => Frame().Write.Csv(path));
        Assert.Contains("vector", e.Message);
        Assert.Contains("'features'", e.Message);
        Assert.False(Directory.Exists(path));
    }
}
