using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

public sealed partial class ObjectSerializerTests
{
    [Fact]
    public void WriteAll_IsConcatenatedValues()
    {
        using var stream = new MemoryStream();
        ObjectSerializer.WriteAll(stream, new[] { 1, 2, 300 });
        Assert.Equal("0102cd012c", Convert.ToHexStringLower(stream.ToArray()));
    }

    [Fact]
    public void WriteAllReadAll_RoundTrip_ArrayListAndLazySources()
    {
        var items = Enumerable.Range(0, 50_000).Select(i => (i, $"v{i}", i * 0.5)).ToArray();
        foreach (var source in new IEnumerable<(int, string, double)>[] { items, items.ToList(), items.Select(x => x) })
        {
            using var stream = new MemoryStream();
            ObjectSerializer.WriteAll(stream, source);
            stream.Position = 0;
            Assert.Equal(items, ObjectSerializer.ReadAll<(int, string, double)>(stream));
        }
    }

    [Fact]
    public void WriteAllReadAll_Empty()
    {
        using var stream = new MemoryStream();
        ObjectSerializer.WriteAll(stream, Array.Empty<Person>());
        Assert.Equal(0, stream.Length);
        stream.Position = 0;
        Assert.Empty(ObjectSerializer.ReadAll<Person>(stream));
    }

    [Fact]
    public void WriteAllReadAll_NullsAndLargeElements()
    {
        var big = new string('x', 200_000);
        string?[] items = [null, big, "", null, big + "y"];
        using var stream = new MemoryStream();
        ObjectSerializer.WriteAll(stream, items);
        stream.Position = 0;
        Assert.Equal(items, ObjectSerializer.ReadAll<string?>(stream));
    }

    [Fact]
    public void WriteAll_AppendsAfterExistingContent()
    {
        using var stream = new MemoryStream();
        ObjectSerializer.WriteAll(stream, new[] { new Person("a", 1) });
        ObjectSerializer.WriteAll(stream, new[] { new Person("b", 2) });
        stream.Position = 0;
        Assert.Equal([new Person("a", 1), new Person("b", 2)], ObjectSerializer.ReadAll<Person>(stream));
    }

    [Fact]
    public void ReadAll_IsLazy()
    {
        using var stream = new MemoryStream();
        ObjectSerializer.WriteAll(stream, Enumerable.Range(0, 10));
        stream.Position = 0;
        var values = ObjectSerializer.ReadAll<int>(stream);
        Assert.Equal(0, stream.Position);
        Assert.Equal(0, values.First());
    }

    [Fact]
    public void ReadAll_FromFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rdd-serializer-{Guid.NewGuid():N}.bin");
        try
        {
            var items = Enumerable.Range(0, 100_000).Select(i => new Point(i, -i)).ToList();
            using (var output = File.Create(path))
            {
                ObjectSerializer.WriteAll(output, items);
            }
            using var input = File.OpenRead(path);
            Assert.Equal(items, ObjectSerializer.ReadAll<Point>(input));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadAll_TruncatedStream_ThrowsWithOffset()
    {
        using var stream = new MemoryStream();
        ObjectSerializer.WriteAll(stream, new[] { "ab", "cdef" });
        var truncated = stream.ToArray()[..^2];
        var values = ObjectSerializer.ReadAll<string>(new MemoryStream(truncated));
        using var enumerator = values.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        Assert.Equal("ab", enumerator.Current);
        var error = Assert.Throws<InvalidDataException>(() => enumerator.MoveNext());
        Assert.Contains("Truncated", error.Message);
        Assert.Contains("byte offset 3", error.Message);
    }

    [Fact]
    public void ReadAll_WrongElementType_ThrowsWithOffset()
    {
        using var stream = new MemoryStream();
        ObjectSerializer.WriteAll(stream, new object[] { 1, 2, "three" });
        stream.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => ObjectSerializer.ReadAll<int>(stream).ToList());
        Assert.Contains("byte offset 2", error.Message);
    }

    [Fact]
    public void ReadAll_UnsupportedType_ThrowsAtTheCall()
    {
        Assert.Throws<NotSupportedException>(() => ObjectSerializer.ReadAll<Action>(new MemoryStream()));
    }

    [Fact]
    public void Deserialize_Truncated_Throws()
    {
        var bytes = ObjectSerializer.Serialize(new Person("Ann", 42));
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var prefix = bytes[..cut];
            Assert.Throws<InvalidDataException>(() => ObjectSerializer.Deserialize<Person>(prefix));
        }
    }

    [Fact]
    public void Deserialize_TrailingBytes_Throws()
    {
        var error = Assert.Throws<InvalidDataException>(() => ObjectSerializer.Deserialize<int>(new byte[] { 1, 2 }));
        Assert.Contains("left over", error.Message);
    }
}
