namespace Rdd.MlLib.Tests.Optimization;

public class BlockTileTests
{
    [Theory]
    [InlineData(1, 7)]
    [InlineData(3, 256)]
    [InlineData(4, 255)]
    [InlineData(10, 300)]
    [InlineData(13, 1000)]
    public void TilesHoldEveryFeatureOfEveryRow(int p, int rows)
    {
        var matrix = Enumerable.Range(0, rows * p).Select(v => v * 0.5 - 3).ToArray();
        var block = new InstanceBlock(rows, p, matrix, new double[rows], null);
        var tile = new BlockTile(p);
        for (int start = 0; start < rows; start += BlockTile.Rows)
        {
            int count = Math.Min(BlockTile.Rows, rows - start);
            tile.Load(block, start, count);
            Assert.Equal(count, tile.Length);
            for (int j = 0; j < p; j++)
            {
                var column = tile.Column(j);
                Assert.Equal(count, column.Length);
                for (int i = 0; i < count; i++)
                {
                    Assert.Equal(matrix[(start + i) * p + j], column[i]);
                }
            }
        }
    }
}
