using Rdd.Sql;

namespace Rdd.MlLib.Tests.Feature;

public sealed class VectorAssemblerTests : MlLibTestBase
{
    public sealed record Input(double? X, int Y, bool Flag, Vector? V);

    private DataFrame Frame(params Input[] rows) => Sql.CreateDataFrame(rows);

    [Fact]
    public void ConcatenatesNumbersBooleansAndVectorsInOrder()
    {
        var frame = Frame(new Input(1.5, 2, true, Vectors.Dense(3, 4)), new Input(-1, 0, false, Vectors.Sparse(2, [1], [7])));
        var assembler = new VectorAssembler { InputCols = ["X", "Y", "Flag", "V"], OutputCol = "features" };
        var rows = assembler.Transform(frame).Collect();
        Assert.Equal(Vectors.Dense(1.5, 2, 1, 3, 4), rows[0]["features"]);
        Assert.Equal(Vectors.Dense(-1, 0, 0, 0, 7), rows[1]["features"]);
        Assert.Equal("vector", assembler.Transform(frame).Schema["features"].DataType.SimpleString);
    }

    [Fact]
    public void MostlyZeroRowsComeOutSparseAsSparksCompressed()
    {
        var frame = Frame(new Input(0, 0, false, Vectors.Sparse(6, [5], [2])), new Input(1, 2, true, Vectors.Dense(1, 1, 1, 1, 1, 1)));
        var rows = new VectorAssembler { InputCols = ["X", "Y", "Flag", "V"], OutputCol = "f" }.Transform(frame).Collect();
        Assert.Equal("(9,[8],[2.0])", rows[0]["f"]!.ToString());
        Assert.IsType<DenseVector>(rows[1]["f"]);
    }

    public sealed record Wide(double A, double B, double C, double D, double E);

    [Fact]
    public void NumericColumnsGiveDenseRowsUnlessMostlyZero()
    {
        var frame = Sql.CreateDataFrame(new[] { new Wide(1, 2, 3, 4, 5), new Wide(0, 0, 0, 0, 0), new Wide(0, 0, 7, 0, 0) });
        var rows = new VectorAssembler { InputCols = ["A", "B", "C", "D", "E"], OutputCol = "f" }.Transform(frame).Collect();
        Assert.IsType<DenseVector>(rows[0]["f"]);
        // Two non-zeros of five: 1.5 · (2 + 1) < 5, so Spark stores it sparse.
        Assert.Equal("(5,[],[])", rows[1]["f"]!.ToString());
        Assert.Equal("(5,[2],[7.0])", rows[2]["f"]!.ToString());
        var dense = Sql.CreateDataFrame(new[] { new Wide(1, 2, 3, 4, 5), new Wide(0, 3, 1, 2, 0) });
        var denseRows = new VectorAssembler { InputCols = ["A", "B", "C", "D", "E"], OutputCol = "f" }.Transform(dense).Collect();
        Assert.Equal([Vectors.Dense(1, 2, 3, 4, 5), Vectors.Dense(0, 3, 1, 2, 0)], denseRows.Select(r => (Vector)r["f"]!));
        Assert.All(denseRows, r => Assert.IsType<DenseVector>(r["f"]));
    }

    [Fact]
    public void ANullOrNaNFailsTheJobNamingTheColumn()
    {
        var frame = Frame(new Input(1, 2, true, Vectors.Dense(3)), new Input(null, 5, false, Vectors.Dense(6)));
        var assembled = new VectorAssembler { InputCols = ["X", "Y"], OutputCol = "f" }.Transform(frame);
        var e = Assert.Throws<Rdd.Core.JobFailedException>(() => assembled.Collect());
        var inner = Assert.IsType<InvalidDataException>(e.InnerException);
        Assert.Contains("Encountered null in column 'X'", inner.Message);
        Assert.Contains("X = null, Y = 5", inner.Message);
        Assert.Contains("handleInvalid = \"error\"", inner.Message);
        var nan = Frame(new Input(double.NaN, 2, true, null));
        e = Assert.Throws<Rdd.Core.JobFailedException>(() => new VectorAssembler { InputCols = ["X"], OutputCol = "f" }.Transform(nan).Collect());
        Assert.Contains("Encountered NaN in column 'X'", e.InnerException!.Message);
    }

    [Fact]
    public void SkipDropsInvalidRowsAndKeepWritesNaN()
    {
        var frame = Frame(new Input(1, 2, true, Vectors.Dense(3, 4)), new Input(null, 5, false, Vectors.Dense(6, 7)),
            new Input(double.NaN, 8, false, null), new Input(9, 10, true, Vectors.Dense(11, 12)));
        var skipped = new VectorAssembler { InputCols = ["X", "Y", "V"], OutputCol = "f", HandleInvalid = "skip" }.Transform(frame).Collect();
        Assert.Equal([Vectors.Dense(1, 2, 3, 4), Vectors.Dense(9, 10, 11, 12)], skipped.Select(r => (Vector)r["f"]!));
        var kept = new VectorAssembler { InputCols = ["X", "Y", "V"], OutputCol = "f", HandleInvalid = "keep" }.Transform(frame).Collect();
        Assert.Equal("[NaN,5.0,6.0,7.0]", kept[1]["f"]!.ToString());
        Assert.Equal("[NaN,8.0,NaN,NaN]", kept[2]["f"]!.ToString());
    }

    [Fact]
    public void SchemaProblemsAreReportedAtTransform()
    {
        var frame = Frame(new Input(1, 2, true, null));
        Assert.Contains("'Z' does not exist", Assert.Throws<ArgumentException>(() => new VectorAssembler { InputCols = ["Z"], OutputCol = "f" }.Transform(frame)).Message);
        Assert.Contains("already exists", Assert.Throws<ArgumentException>(() => new VectorAssembler { InputCols = ["X"], OutputCol = "Y" }.Transform(frame)).Message);
        var strings = Sql.CreateDataFrame(new[] { new { s = "a" } });
        Assert.Contains("string type of column 's'", Assert.Throws<ArgumentException>(() => new VectorAssembler { InputCols = ["s"], OutputCol = "f" }.Transform(strings)).Message);
        Assert.Throws<ArgumentException>(() => new VectorAssembler { HandleInvalid = "drop" });
    }
}
