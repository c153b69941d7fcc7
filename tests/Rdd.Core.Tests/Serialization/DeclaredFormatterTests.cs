using MessagePack;
using MessagePack.Formatters;
using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

/// <summary>A type naming its formatter with MessagePack-CSharp's <see cref="MessagePackFormatterAttribute"/> is written by it, alone or inside other values.</summary>
public sealed class DeclaredFormatterTests
{
    /// <summary>Written as one string "x:y", which the memberwise encoding (a map of two fields) would never produce.</summary>
    [MessagePackFormatter(typeof(PointFormatter))]
    public sealed class Point(int x, int y)
    {
        public int X { get; } = x;

        public int Y { get; } = y;
    }

    internal sealed class PointFormatter : IMessagePackFormatter<Point?>
    {
        public void Serialize(ref MessagePackWriter writer, Point? value, MessagePackSerializerOptions options)
        {
            if (value is null) writer.WriteNil();
            else writer.Write($"{value.X}:{value.Y}");
        }

        public Point? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil()) return null;
            var parts = reader.ReadString()!.Split(':');
            return new Point(int.Parse(parts[0]), int.Parse(parts[1]));
        }
    }

    [MessagePackFormatter(typeof(PointFormatter))]
    public sealed class Mismatched;

    [Fact]
    public void The_declared_formatter_writes_the_value()
    {
        var bytes = ObjectSerializer.Serialize(new Point(3, -4));
        Assert.Equal("3:-4", new MessagePackReader(bytes).ReadString());
        var back = ObjectSerializer.Deserialize<Point>(bytes);
        Assert.Equal((3, -4), (back.X, back.Y));
    }

    [Fact]
    public void Declared_values_nest_in_tuples_and_arrays()
    {
        (int, Point?[]) value = (9, [new Point(1, 2), null]);
        var back = ObjectSerializer.Deserialize<(int, Point?[])>(ObjectSerializer.Serialize(value));
        Assert.Equal(9, back.Item1);
        Assert.Equal((1, 2), (back.Item2[0]!.X, back.Item2[0]!.Y));
        Assert.Null(back.Item2[1]);
    }

    [Fact]
    public void A_formatter_of_another_type_is_refused()
    {
        var error = Assert.Throws<NotSupportedException>(() => ObjectSerializer.Serialize(new Mismatched()));
        Assert.Contains("declared formatter", error.Message);
    }
}
