using System.Text.Json;
using Rdd.Core;
using Rdd.Sql;
using Rdd.Tests.Shared;

namespace Rdd.MlLib.Tests.Linalg;

/// <summary>Vector columns in Arrow files against apache-arrow, the official JavaScript implementation.</summary>
public sealed class VectorArrowInteropTests : IDisposable
{
    private readonly RddContext _context = new(new RddConfig { Parallelism = 2 });
    private readonly SqlContext _sql;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rdd-mllib-arrow-" + Guid.NewGuid().ToString("N"));

    public VectorArrowInteropTests()
    {
        _sql = new SqlContext(_context);
        Directory.CreateDirectory(_folder);
    }

    public void Dispose()
    {
        _context.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void ApacheArrowReadsVectorsAsSparksStructWithTheExtensionName()
    {
        var points = new[] { new LabeledPoint(1, Vectors.Dense(0.25, -2)), new LabeledPoint(0, Vectors.Sparse(4, [1, 3], [5, 6])), new LabeledPoint(0, null!) };
        string folder = Path.Combine(_folder, "out");
        _sql.CreateDataFrame(points).Write.Arrow(folder);
        string[] parts = [.. Directory.GetFiles(folder, "part-*").Order()];
        using var described = JsonDocument.Parse(NodeInterop.RunScript("arrow-read.mjs", parts));
        var values = new List<JsonElement>();
        foreach (var file in described.RootElement.EnumerateObject())
        {
            Assert.False(file.Value.TryGetProperty("error", out var error), error.ToString());
            var features = file.Value.GetProperty("fields")[1];
            Assert.Equal("features", features.GetProperty("name").GetString());
            Assert.StartsWith("Struct<{type:Int8, size:Int32, indices:List<Int32>, values:List<Float64>}", features.GetProperty("type").GetString());
            Assert.Equal("rdd.ml.vector", features.GetProperty("metadata").GetProperty("ARROW:extension:name").GetString());
            values.AddRange(features.GetProperty("values").EnumerateArray());
        }
        Assert.Equal("""{"type":1,"size":null,"indices":null,"values":[0.25,-2]}""", values[0].GetRawText());
        Assert.Equal("""{"type":0,"size":4,"indices":[1,3],"values":[5,6]}""", values[1].GetRawText());
        Assert.Equal(JsonValueKind.Null, values[2].ValueKind);
    }

    [Fact]
    public void VectorsWrittenByApacheArrowReadBack()
    {
        Assert.Equal("ok", NodeInterop.RunScript("arrow-write-vectors.mjs", _folder));
        var df = _sql.Read.Arrow(Path.Combine(_folder, "vectors.arrow"));
        Assert.Same(VectorType.Instance, df.Schema["features"].DataType);
        var rows = df.Collect();
        Assert.Equal(Vectors.Dense(0.5, -1.5, 2), rows[0]["features"]);
        Assert.Equal(Vectors.Sparse(6, [0, 4], [1, 3.25]), rows[1]["features"]);
        Assert.Null(rows[2]["features"]);
        Assert.Equal(Vectors.Sparse(2, [], []), rows[3]["features"]);

        var e = Assert.ThrowsAny<Exception>(() => _sql.Read.Arrow(Path.Combine(_folder, "bad-vectors.arrow")).Collect());
        string message = (e.InnerException ?? e).Message;
        Assert.Contains("bad-vectors.arrow", message);
        Assert.Contains("'features'", message);
        Assert.Contains("row 1", message);
        Assert.Contains("strictly increasing", message);
    }
}
