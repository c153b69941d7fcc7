using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Rdd.Sql.Arrow.FlatBuffers;

namespace Rdd.Sql.Tests.Arrow;

public class FlatBufferBuilderTests
{
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    private readonly record struct Pair(long A, long B);

    [Fact]
    public void Table_RoundTripsScalarsOfEveryWidth()
    {
        var builder = new FlatBufferBuilder(16);
        builder.StartTable(6);
        builder.AddBool(0, true, false);
        builder.AddByte(1, 200, 0);
        builder.AddInt16(2, -1234, 0);
        builder.AddInt32(3, int.MinValue, 0);
        builder.AddInt64(4, long.MaxValue, 0);
        builder.Finish(builder.EndTable());

        var table = FlatBufferTable.GetRoot(builder.ToArray());
        Assert.True(table.GetBool(0));
        Assert.Equal(200, table.GetByte(1));
        Assert.Equal(-1234, table.GetInt16(2));
        Assert.Equal(int.MinValue, table.GetInt32(3));
        Assert.Equal(long.MaxValue, table.GetInt64(4));
        Assert.False(table.HasField(5));
    }

    [Fact]
    public void Table_FieldsEqualToTheirDefault_AreOmitted_AndReadAsTheDefault()
    {
        var builder = new FlatBufferBuilder();
        builder.StartTable(2);
        builder.AddInt16(0, 1, 1);
        builder.AddInt32(1, 0, 7);
        builder.Finish(builder.EndTable());

        var table = FlatBufferTable.GetRoot(builder.ToArray());
        Assert.False(table.HasField(0));
        Assert.Equal(1, table.GetInt16(0, 1));
        Assert.True(table.HasField(1));
        Assert.Equal(0, table.GetInt32(1, 7));
    }

    [Fact]
    public void Table_SlotsBeyondTheWrittenVtable_ReadAsDefaults()
    {
        // A reader that knows more fields than the writer did (schema evolution).
        var builder = new FlatBufferBuilder();
        builder.StartTable(1);
        builder.AddInt32(0, 5, 0);
        builder.Finish(builder.EndTable());

        var table = FlatBufferTable.GetRoot(builder.ToArray());
        Assert.Equal(5, table.GetInt32(0));
        Assert.Equal(42, table.GetInt32(9, 42));
        Assert.Null(table.GetString(9));
        Assert.Equal(0, table.GetVectorLength(9));
    }

    [Fact]
    public void StringsTablesAndVectorsOfTables_RoundTrip()
    {
        var builder = new FlatBufferBuilder(8);
        var children = new int[3];
        for (int i = 0; i < children.Length; i++)
        {
            int name = builder.CreateString($"child-{i} é");
            builder.StartTable(2);
            builder.AddOffset(0, name);
            builder.AddInt32(1, i * 100, 0);
            children[i] = builder.EndTable();
        }
        int vector = builder.CreateOffsetVector(children);
        int title = builder.CreateString("root ✓");
        builder.StartTable(2);
        builder.AddOffset(0, title);
        builder.AddOffset(1, vector);
        builder.Finish(builder.EndTable());

        var root = FlatBufferTable.GetRoot(builder.ToArray());
        Assert.Equal("root ✓", root.GetString(0));
        Assert.Equal(3, root.GetVectorLength(1));
        for (int i = 0; i < 3; i++)
        {
            var child = root.GetVectorTable(1, i);
            Assert.Equal($"child-{i} é", child.GetString(0));
            Assert.Equal(i * 100, child.GetInt32(1));
        }
    }

    [Fact]
    public void Strings_AreZeroTerminated()
    {
        var builder = new FlatBufferBuilder();
        int text = builder.CreateString("abc");
        builder.StartTable(1);
        builder.AddOffset(0, text);
        builder.Finish(builder.EndTable());
        var bytes = builder.ToArray();
        int at = bytes.AsSpan().IndexOf("abc"u8);
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at - 4)));
        Assert.Equal(0, bytes[at + 3]);
    }

    [Fact]
    public void StructVectors_AreAlignedAndRoundTrip()
    {
        var builder = new FlatBufferBuilder();
        int odd = builder.CreateString("x");
        Pair[] pairs = [new(1, -1), new(long.MinValue, 3), new(5, long.MaxValue)];
        int vector = builder.CreateStructVector<Pair>(pairs, alignment: 8);
        int empty = builder.CreateStructVector<Pair>([], alignment: 8);
        builder.StartTable(3);
        builder.AddOffset(0, odd);
        builder.AddOffset(1, vector);
        builder.AddOffset(2, empty);
        builder.Finish(builder.EndTable());
        var bytes = builder.ToArray();

        var table = FlatBufferTable.GetRoot(bytes);
        Assert.Equal(pairs, table.GetStructVector<Pair>(1).ToArray());
        Assert.True(table.HasField(2));
        Assert.Equal(0, table.GetStructVector<Pair>(2).Length);
        int first = bytes.AsSpan().IndexOf(MemoryMarshal.AsBytes<Pair>(pairs));
        Assert.Equal(0, first % 8);
    }

    [Fact]
    public void InlineStruct_RoundTrips()
    {
        var builder = new FlatBufferBuilder();
        builder.StartTable(2);
        builder.AddByte(0, 1, 0);
        builder.AddStruct(1, new Pair(7, 8), alignment: 8);
        builder.Finish(builder.EndTable());
        var table = FlatBufferTable.GetRoot(builder.ToArray());
        Assert.Equal(new Pair(7, 8), table.GetStruct<Pair>(1));
        Assert.Equal(default, table.GetStruct<Pair>(5));
    }

    [Fact]
    public void Union_StoresTagAndMember()
    {
        var builder = new FlatBufferBuilder();
        builder.StartTable(1);
        builder.AddInt64(0, 99, 0);
        int member = builder.EndTable();
        builder.StartTable(3);
        builder.AddInt32(0, 1, 0);
        builder.AddUnion(1, 4, member);
        builder.Finish(builder.EndTable());

        var (tag, value) = FlatBufferTable.GetRoot(builder.ToArray()).GetUnion(1);
        Assert.Equal(4, tag);
        Assert.Equal(99, value!.Value.GetInt64(0));
    }

    [Fact]
    public void Builder_GrowsFromATinyBuffer_AndClearReuses()
    {
        var builder = new FlatBufferBuilder(16);
        for (int round = 0; round < 2; round++)
        {
            builder.Clear();
            var names = Enumerable.Range(0, 200).Select(i => builder.CreateString(new string('n', i))).ToArray();
            int vector = builder.CreateOffsetVector(names);
            builder.StartTable(1);
            builder.AddOffset(0, vector);
            builder.Finish(builder.EndTable());

            var table = FlatBufferTable.GetRoot(builder.ToArray());
            Assert.Equal(200, table.GetVectorLength(0));
        }
    }

    [Fact]
    public void StartTable_WhileBuildingAnother_Throws()
    {
        var builder = new FlatBufferBuilder();
        builder.StartTable(1);
        Assert.Throws<InvalidOperationException>(() => builder.StartTable(1));
    }

    [Fact]
    public void Reader_ReferenceOutsideTheBuffer_ThrowsInvalidData()
    {
        byte[] bytes = [200, 0, 0, 0, 0, 0, 0, 0];
        Assert.Throws<InvalidDataException>(() => FlatBufferTable.GetRoot(bytes));
    }
}
