using Rdd.Sql.Show;

namespace Rdd.Sql.Tests.DataFrames;

public sealed class ValueFormatterTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(0.00012345, "1.2345E-4")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(12345678.9, "1.23456789E7")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(0.0, "0.0")]
    [InlineData(3.25, "3.25")]
    [InlineData(100.0, "100.0")]
    public void DoublesFormatLikeJava(double value, string expected) => Assert.Equal(expected, ValueFormatter.Format(value));

    [Fact]
    public void OtherValues()
    {
        Assert.Equal("null", ValueFormatter.Format(null));
        Assert.Equal("true", ValueFormatter.Format(true));
        Assert.Equal("2024-01-02", ValueFormatter.Format(new DateOnly(2024, 1, 2)));
        Assert.Equal("2024-01-02 03:04:05.5", ValueFormatter.Format(new DateTime(2024, 1, 2, 3, 4, 5, 500, DateTimeKind.Utc)));
        Assert.Equal("[1,a,null]", new Row(1, "a", null).ToString());
        Assert.Equal(new Row(1L, "a"), new Row(1L, "a"));
        Assert.NotEqual(new Row(1L, "a"), new Row(1, "a"));
        var row = new Row(7, null, "x");
        Assert.Equal(7L, row.Get<long>(0));
        Assert.Null(row.Get<int?>(1));
        Assert.Null(row.Get<string>(1));
        Assert.Equal(3, row.Length);
        Assert.Throws<ArgumentException>(() => row["x"]);
    }
}
