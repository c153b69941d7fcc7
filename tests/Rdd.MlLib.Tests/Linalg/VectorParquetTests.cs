using ParquetSharp;
using Rdd.Core;
using Rdd.Sql;

namespace Rdd.MlLib.Tests.Linalg;

/// <summary>
/// Vector columns in Parquet: written as Spark's vector struct (type, size, indices, values), checked in the footer
/// with Arrow's C++ reader, and read back as vectors.
/// </summary>
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
    public void VectorsRoundTripThroughParquetAsSparksStruct()
    {
        var sql = new SqlContext(_context);
        var points = new[] { new LabeledPoint(1, Vectors.Dense(0.25, -2)), new LabeledPoint(0, Vectors.Sparse(4, [1, 3], [5, 6])), new LabeledPoint(0, null!) };
        sql.CreateDataFrame(points).Write.Parquet(_folder);

        var leaves = new List<string>();
        foreach (string part in Directory.GetFiles(_folder, "part-*.parquet"))
        {
            using var reader = new ParquetFileReader(part);
            using var metaData = reader.FileMetaData;
            for (int c = 0; c < metaData.Schema.NumColumns; c++)
            {
                var column = metaData.Schema.Column(c);
                leaves.Add($"{column.Path} {column.PhysicalType}");
            }
        }
        Assert.Contains("features.type Int32", leaves);
        Assert.Contains("features.size Int32", leaves);
        Assert.Contains("features.indices.list.element Int32", leaves);
        Assert.Contains("features.values.list.element Double", leaves);

        var read = sql.Read.Parquet(_folder);
        Assert.IsType<VectorType>(read.Schema["features"].DataType);
        var vectors = read.Collect().Select(r => r[1]?.ToString() ?? "null").Order(StringComparer.Ordinal);
        Assert.Equal(["(4,[1,3],[5.0,6.0])", "[0.25,-2.0]", "null"], vectors);
    }
}
