using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

public class TemporalArrayTests
{
    [Fact]
    public void Date32Array_StoresDaysSinceTheEpoch()
    {
        using var builder = new Date32Array.Builder();
        builder.Append(new DateOnly(1970, 1, 1)).Append(new DateOnly(1969, 12, 31)).Append((DateOnly?)null).Append(new DateOnly(2024, 2, 29));
        var array = builder.Build();
        Assert.Equal(new[] { 0, -1, 0, 19782 }, array.Values.ToArray());
        Assert.Equal(new DateOnly(2024, 2, 29), array.GetDate(3));
        Assert.Null(array.GetDate(2));
        Assert.Equal(new DateOnly(1969, 12, 31), array.Slice(1, 2).GetDate(0));
    }

    [Theory]
    [InlineData(0, 1709164800L)]
    [InlineData(1, 1709164800123L)]
    [InlineData(2, 1709164800123456L)]
    [InlineData(3, 1709164800123456700L)]
    public void TimestampArray_ConvertsEachUnit(short unitValue, long value)
    {
        var unit = (TimeUnit)unitValue;
        var type = new TimestampType(unit, "UTC");
        using var builder = new TimestampArray.Builder(type);
        var array = builder.Append(value).AppendNull().Build();
        var expected = DateTime.UnixEpoch.AddTicks(unit switch
        {
            TimeUnit.Second => value * TimeSpan.TicksPerSecond,
            TimeUnit.Millisecond => value * TimeSpan.TicksPerMillisecond,
            TimeUnit.Microsecond => value * 10,
            _ => value / 100,
        });
        Assert.Equal(expected, array.GetDateTime(0));
        Assert.Equal(DateTimeKind.Utc, array.GetDateTime(0)!.Value.Kind);
        Assert.Null(array.GetDateTime(1));
        Assert.Equal(value, TimestampArray.FromDateTime(expected, type));
    }

    [Fact]
    public void TimestampArray_WithoutTimezone_IsUnspecifiedKind()
    {
        var type = new TimestampType(TimeUnit.Millisecond);
        using var builder = new TimestampArray.Builder(type);
        var array = builder.Append(new DateTime(2020, 5, 6, 7, 8, 9, DateTimeKind.Unspecified)).Build();
        Assert.Equal(new DateTime(2020, 5, 6, 7, 8, 9), array.GetDateTime(0));
        Assert.Equal(DateTimeKind.Unspecified, array.GetDateTime(0)!.Value.Kind);
        Assert.Equal("timestamp[ms]", type.Name);
    }

    [Fact]
    public void TimestampArray_BeforeTheEpoch_RoundsTowardThePast()
    {
        var nanos = new TimestampType(TimeUnit.Nanosecond);
        Assert.Equal(DateTime.UnixEpoch.AddTicks(-1), TimestampArray.ToDateTime(-1, nanos));
        var seconds = new TimestampType(TimeUnit.Second);
        Assert.Equal(-1, TimestampArray.FromDateTime(DateTime.UnixEpoch.AddTicks(-1), seconds));
    }

    [Fact]
    public void TimestampType_EqualityIncludesUnitAndZone()
    {
        Assert.Equal(new TimestampType(TimeUnit.Second, "UTC"), new TimestampType(TimeUnit.Second, "UTC"));
        Assert.NotEqual(new TimestampType(TimeUnit.Second, "UTC"), new TimestampType(TimeUnit.Second));
        Assert.NotEqual(new TimestampType(TimeUnit.Second), new TimestampType(TimeUnit.Millisecond));
        Assert.Equal(new TimestampType(TimeUnit.Second, ""), new TimestampType(TimeUnit.Second));
        Assert.Equal("timestamp[ns, tz=Europe/Paris]", new TimestampType(TimeUnit.Nanosecond, "Europe/Paris").Name);
    }
}
