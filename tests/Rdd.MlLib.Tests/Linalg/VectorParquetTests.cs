using Rdd.Core;
using Rdd.Sql;

namespace Rdd.MlLib.Tests.Linalg;

/// <summary>Vector columns have no Parquet mapping here: the writer refuses them naming the column, before any job runs.</summary>
public sealed class VectorParquetTests : IDisposable
{
    private readonly RddContext _context = new(new RddConfig { Parallelism = 2 });
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rdd-mllib-parquet-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _context.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void WritingVectorsToParquetIsRefusedNamingTheColumn()
    {
        var sql = new SqlContext(_context);
        var frame = sql.CreateDataFrame(new[] { new LabeledPoint(1, Vectors.Dense(0.25, -2)) });
        var error = Assert.Throws<AnalysisException>(() => frame.Write.Parquet(_folder));
        Assert.Contains("`Features`", error.Message, StringComparison.Ordinal);
        Assert.Contains("Parquet", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder));
    }
}
