namespace Rdd.MlLib.Tests.Linalg;

public class VectorTests
{
    [Fact]
    public void DenseAndSparsePrintAsSpark()
    {
        Assert.Equal("[0.1,0.2]", Vectors.Dense(0.1, 0.2).ToString());
        Assert.Equal("[1.0,-0.0,1.0E-5,1.0E7,NaN,Infinity]", Vectors.Dense(1, -0.0, 1e-5, 1e7, double.NaN, double.PositiveInfinity).ToString());
        Assert.Equal("(5,[1,3],[0.5,2.0])", Vectors.Sparse(5, [1, 3], [0.5, 2.0]).ToString());
        Assert.Equal("(3,[],[])", Vectors.Sparse(3, [], []).ToString());
        Assert.Equal("(1.0,[0.5,2.0])", new LabeledPoint(1, Vectors.Dense(0.5, 2)).ToString());
    }

    [Fact]
    public void EqualityIgnoresStorage()
    {
        var dense = Vectors.Dense(0, 1.5, 0, 2);
        var sparse = Vectors.Sparse(4, [1, 3], [1.5, 2]);
        Assert.Equal(dense, sparse);
        Assert.Equal(dense.GetHashCode(), sparse.GetHashCode());
        Assert.NotEqual(dense, Vectors.Sparse(5, [1, 3], [1.5, 2]));
        Assert.NotEqual(dense, Vectors.Dense(0, 1.5, 0, 2.5));
        Assert.Equal([0, 1.5, 0, 2], sparse.ToArray());
        Assert.Equal(2, sparse.NumNonzeros);
        Assert.Equal(0.0, sparse[2]);
    }

    [Fact]
    public void SparseRejectsBadIndicesNamingThem()
    {
        var e = Assert.Throws<ArgumentException>(() => Vectors.Sparse(5, [3, 1], [1, 2]));
        Assert.Contains("index 1 at position 1 follows 3", e.Message);
        e = Assert.Throws<ArgumentException>(() => Vectors.Sparse(3, [0, 3], [1, 2]));
        Assert.Contains("Index 3", e.Message);
        Assert.Throws<ArgumentException>(() => Vectors.Sparse(3, [0], [1, 2]));
        Assert.Throws<ArgumentException>(() => Vectors.Sparse(3, [(1, 1.0), (1, 2.0)]));
    }

    [Theory]
    [InlineData(new double[] { 1, 3, 2 }, 1)]
    [InlineData(new double[] { -1, 0, -2, 0 }, 1)]
    [InlineData(new double[] { 0, 0 }, 0)]
    [InlineData(new double[] { -1, -3, -0.5 }, 2)]
    public void ArgmaxAgreesBetweenDenseAndSparse(double[] values, int expected)
    {
        var dense = Vectors.Dense(values);
        Assert.Equal(expected, dense.Argmax);
        Assert.Equal(expected, dense.ToSparse().Argmax);
        // Stored zeros and negative values against the implicit zeros of a sparse vector.
        Assert.Equal(expected, Vectors.Sparse(values.Length, [.. Enumerable.Range(0, values.Length)], values).Argmax);
    }

    [Fact]
    public void SparseArgmaxPrefersAnImplicitZeroOverNegatives()
    {
        Assert.Equal(1, Vectors.Sparse(4, [0, 2, 3], [-1, -2, -3]).Argmax);
        Assert.Equal(0, Vectors.Sparse(4, [2], [0]).Argmax);
        Assert.Equal(-1, Vectors.Dense().Argmax);
    }

    [Fact]
    public void DotNormsAndCompression()
    {
        var a = Vectors.Dense(1, 2, 3);
        var b = Vectors.Sparse(3, [0, 2], [4, 5]);
        Assert.Equal(19, a.Dot(b));
        Assert.Equal(19, b.Dot(a));
        Assert.Equal(20 + 0, b.Dot(Vectors.Sparse(3, [2], [4])));
        Assert.Equal(6, Vectors.Norm(a, 1));
        Assert.Equal(Math.Sqrt(14), Vectors.Norm(a, 2), 12);
        Assert.Equal(3, Vectors.Norm(a, double.PositiveInfinity));
        Assert.Equal(1 + 4 + 1 + 0 + 0, Vectors.SqDist(a, Vectors.Dense(0, 0, 2)) - 0 - 0 - 0, 12);
        Assert.IsType<SparseVector>(Vectors.Dense(0, 0, 0, 0, 0, 1).Compressed);
        Assert.IsType<DenseVector>(Vectors.Sparse(3, [0, 1, 2], [1, 2, 3]).Compressed);
        Assert.Throws<ArgumentException>(() => a.Dot(Vectors.Dense(1)));
    }
}
