using Rdd.MlLib.Tests.References;

namespace Rdd.MlLib.Tests.Feature;

public sealed class StandardScalerTests : MlLibTestBase
{
    [Fact]
    public void LearnsMeanAndSampleDeviationAndScales()
    {
        var data = Goldens.Data("Data/wine.csv");
        var frame = Golden("Data/wine.csv");
        var model = new StandardScaler { InputCol = "features", OutputCol = "scaled", WithMean = true }.Fit(frame);
        int p = data.Features[0].Length;
        for (int j = 0; j < p; j++)
        {
            var column = data.Features.Select(x => x[j]).ToArray();
            double mean = column.Average();
            double std = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / (column.Length - 1));
            Assert.Equal(mean, model.Mean[j], 10);
            Assert.Equal(std, model.Std[j], 10);
        }
        var rows = model.Transform(frame).Take(5);
        for (int i = 0; i < rows.Length; i++)
        {
            var scaled = rows[i].Get<Vector>(3);
            for (int j = 0; j < p; j++)
            {
                Assert.Equal((data.Features[i][j] - model.Mean[j]) / model.Std[j], scaled[j], 10);
            }
        }
    }

    [Fact]
    public void SparseInputStaysSparseWithoutCenteringAndConstantFeaturesBecomeZero()
    {
        var frame = Points(new Point(0, 1, Vectors.Sparse(3, [0], [2])), new Point(0, 1, Vectors.Sparse(3, [0, 2], [4, 5])), new Point(0, 1, Vectors.Sparse(3, [2], [1])));
        var model = new StandardScaler { InputCol = "features", OutputCol = "scaled" }.Fit(frame);
        Assert.Equal(0.0, model.Std[1]);
        var rows = model.Transform(frame).Collect();
        Assert.IsType<SparseVector>(rows[0]["scaled"]);
        Assert.Equal(2 / model.Std[0], ((Vector)rows[0]["scaled"]!)[0], 12);
        var centered = new StandardScaler { InputCol = "features", OutputCol = "scaled", WithMean = true }.Fit(frame).Transform(frame).Collect();
        Assert.IsType<DenseVector>(centered[0]["scaled"]);
        Assert.Equal(0.0, ((Vector)centered[0]["scaled"]!)[1]);
    }

    [Fact]
    public void NullVectorsFailTheFitNamingTheColumn()
    {
        var frame = Points(new Point(0, 1, Vectors.Dense(1)), new Point(0, 1, null));
        var e = Assert.Throws<Rdd.Core.JobFailedException>(() => new StandardScaler { InputCol = "features", OutputCol = "s" }.Fit(frame));
        Assert.Contains("column 'features' is null", e.InnerException!.Message);
    }
}
