namespace Rdd.Core.Serialization;

// ValueTuple<T1> .. ValueTuple<T1..T7> as msgpack arrays of their items: one class per arity, so each
// item costs one formatter call and no reflection. Nested tuples are tuple-typed items; eight or more
// items (ValueTuple with TRest) go through MemberwiseFormatter as [Item1..Item7, Rest].

internal sealed class ValueTupleFormatter<T1> : IMessagePackFormatter<ValueTuple<T1>>
{
    private readonly IMessagePackFormatter<T1> _item1 = FormatterResolver.Get<T1>();

    public void Serialize(MessagePackWriter writer, ValueTuple<T1> value)
    {
        writer.WriteArrayHeader(1);
        _item1.Serialize(writer, value.Item1);
    }

    public ValueTuple<T1> Deserialize(ref MessagePackReader reader)
    {
        ArrayArity.Read(ref reader, 1, typeof(ValueTuple<T1>));
        var item1 = _item1.Deserialize(ref reader);
        return new ValueTuple<T1>(item1);
    }
}

internal sealed class ValueTupleFormatter<T1, T2> : IMessagePackFormatter<ValueTuple<T1, T2>>
{
    private readonly IMessagePackFormatter<T1> _item1 = FormatterResolver.Get<T1>();
    private readonly IMessagePackFormatter<T2> _item2 = FormatterResolver.Get<T2>();

    public void Serialize(MessagePackWriter writer, ValueTuple<T1, T2> value)
    {
        writer.WriteArrayHeader(2);
        _item1.Serialize(writer, value.Item1);
        _item2.Serialize(writer, value.Item2);
    }

    public ValueTuple<T1, T2> Deserialize(ref MessagePackReader reader)
    {
        ArrayArity.Read(ref reader, 2, typeof(ValueTuple<T1, T2>));
        var item1 = _item1.Deserialize(ref reader);
        var item2 = _item2.Deserialize(ref reader);
        return new ValueTuple<T1, T2>(item1, item2);
    }
}

internal sealed class ValueTupleFormatter<T1, T2, T3> : IMessagePackFormatter<ValueTuple<T1, T2, T3>>
{
    private readonly IMessagePackFormatter<T1> _item1 = FormatterResolver.Get<T1>();
    private readonly IMessagePackFormatter<T2> _item2 = FormatterResolver.Get<T2>();
    private readonly IMessagePackFormatter<T3> _item3 = FormatterResolver.Get<T3>();

    public void Serialize(MessagePackWriter writer, ValueTuple<T1, T2, T3> value)
    {
        writer.WriteArrayHeader(3);
        _item1.Serialize(writer, value.Item1);
        _item2.Serialize(writer, value.Item2);
        _item3.Serialize(writer, value.Item3);
    }

    public ValueTuple<T1, T2, T3> Deserialize(ref MessagePackReader reader)
    {
        ArrayArity.Read(ref reader, 3, typeof(ValueTuple<T1, T2, T3>));
        var item1 = _item1.Deserialize(ref reader);
        var item2 = _item2.Deserialize(ref reader);
        var item3 = _item3.Deserialize(ref reader);
        return new ValueTuple<T1, T2, T3>(item1, item2, item3);
    }
}

internal sealed class ValueTupleFormatter<T1, T2, T3, T4> : IMessagePackFormatter<ValueTuple<T1, T2, T3, T4>>
{
    private readonly IMessagePackFormatter<T1> _item1 = FormatterResolver.Get<T1>();
    private readonly IMessagePackFormatter<T2> _item2 = FormatterResolver.Get<T2>();
    private readonly IMessagePackFormatter<T3> _item3 = FormatterResolver.Get<T3>();
    private readonly IMessagePackFormatter<T4> _item4 = FormatterResolver.Get<T4>();

    public void Serialize(MessagePackWriter writer, ValueTuple<T1, T2, T3, T4> value)
    {
        writer.WriteArrayHeader(4);
        _item1.Serialize(writer, value.Item1);
        _item2.Serialize(writer, value.Item2);
        _item3.Serialize(writer, value.Item3);
        _item4.Serialize(writer, value.Item4);
    }

    public ValueTuple<T1, T2, T3, T4> Deserialize(ref MessagePackReader reader)
    {
        ArrayArity.Read(ref reader, 4, typeof(ValueTuple<T1, T2, T3, T4>));
        var item1 = _item1.Deserialize(ref reader);
        var item2 = _item2.Deserialize(ref reader);
        var item3 = _item3.Deserialize(ref reader);
        var item4 = _item4.Deserialize(ref reader);
        return new ValueTuple<T1, T2, T3, T4>(item1, item2, item3, item4);
    }
}

internal sealed class ValueTupleFormatter<T1, T2, T3, T4, T5> : IMessagePackFormatter<ValueTuple<T1, T2, T3, T4, T5>>
{
    private readonly IMessagePackFormatter<T1> _item1 = FormatterResolver.Get<T1>();
    private readonly IMessagePackFormatter<T2> _item2 = FormatterResolver.Get<T2>();
    private readonly IMessagePackFormatter<T3> _item3 = FormatterResolver.Get<T3>();
    private readonly IMessagePackFormatter<T4> _item4 = FormatterResolver.Get<T4>();
    private readonly IMessagePackFormatter<T5> _item5 = FormatterResolver.Get<T5>();

    public void Serialize(MessagePackWriter writer, ValueTuple<T1, T2, T3, T4, T5> value)
    {
        writer.WriteArrayHeader(5);
        _item1.Serialize(writer, value.Item1);
        _item2.Serialize(writer, value.Item2);
        _item3.Serialize(writer, value.Item3);
        _item4.Serialize(writer, value.Item4);
        _item5.Serialize(writer, value.Item5);
    }

    public ValueTuple<T1, T2, T3, T4, T5> Deserialize(ref MessagePackReader reader)
    {
        ArrayArity.Read(ref reader, 5, typeof(ValueTuple<T1, T2, T3, T4, T5>));
        var item1 = _item1.Deserialize(ref reader);
        var item2 = _item2.Deserialize(ref reader);
        var item3 = _item3.Deserialize(ref reader);
        var item4 = _item4.Deserialize(ref reader);
        var item5 = _item5.Deserialize(ref reader);
        return new ValueTuple<T1, T2, T3, T4, T5>(item1, item2, item3, item4, item5);
    }
}

internal sealed class ValueTupleFormatter<T1, T2, T3, T4, T5, T6> : IMessagePackFormatter<ValueTuple<T1, T2, T3, T4, T5, T6>>
{
    private readonly IMessagePackFormatter<T1> _item1 = FormatterResolver.Get<T1>();
    private readonly IMessagePackFormatter<T2> _item2 = FormatterResolver.Get<T2>();
    private readonly IMessagePackFormatter<T3> _item3 = FormatterResolver.Get<T3>();
    private readonly IMessagePackFormatter<T4> _item4 = FormatterResolver.Get<T4>();
    private readonly IMessagePackFormatter<T5> _item5 = FormatterResolver.Get<T5>();
    private readonly IMessagePackFormatter<T6> _item6 = FormatterResolver.Get<T6>();

    public void Serialize(MessagePackWriter writer, ValueTuple<T1, T2, T3, T4, T5, T6> value)
    {
        writer.WriteArrayHeader(6);
        _item1.Serialize(writer, value.Item1);
        _item2.Serialize(writer, value.Item2);
        _item3.Serialize(writer, value.Item3);
        _item4.Serialize(writer, value.Item4);
        _item5.Serialize(writer, value.Item5);
        _item6.Serialize(writer, value.Item6);
    }

    public ValueTuple<T1, T2, T3, T4, T5, T6> Deserialize(ref MessagePackReader reader)
    {
        ArrayArity.Read(ref reader, 6, typeof(ValueTuple<T1, T2, T3, T4, T5, T6>));
        var item1 = _item1.Deserialize(ref reader);
        var item2 = _item2.Deserialize(ref reader);
        var item3 = _item3.Deserialize(ref reader);
        var item4 = _item4.Deserialize(ref reader);
        var item5 = _item5.Deserialize(ref reader);
        var item6 = _item6.Deserialize(ref reader);
        return new ValueTuple<T1, T2, T3, T4, T5, T6>(item1, item2, item3, item4, item5, item6);
    }
}

internal sealed class ValueTupleFormatter<T1, T2, T3, T4, T5, T6, T7> : IMessagePackFormatter<ValueTuple<T1, T2, T3, T4, T5, T6, T7>>
{
    private readonly IMessagePackFormatter<T1> _item1 = FormatterResolver.Get<T1>();
    private readonly IMessagePackFormatter<T2> _item2 = FormatterResolver.Get<T2>();
    private readonly IMessagePackFormatter<T3> _item3 = FormatterResolver.Get<T3>();
    private readonly IMessagePackFormatter<T4> _item4 = FormatterResolver.Get<T4>();
    private readonly IMessagePackFormatter<T5> _item5 = FormatterResolver.Get<T5>();
    private readonly IMessagePackFormatter<T6> _item6 = FormatterResolver.Get<T6>();
    private readonly IMessagePackFormatter<T7> _item7 = FormatterResolver.Get<T7>();

    public void Serialize(MessagePackWriter writer, ValueTuple<T1, T2, T3, T4, T5, T6, T7> value)
    {
        writer.WriteArrayHeader(7);
        _item1.Serialize(writer, value.Item1);
        _item2.Serialize(writer, value.Item2);
        _item3.Serialize(writer, value.Item3);
        _item4.Serialize(writer, value.Item4);
        _item5.Serialize(writer, value.Item5);
        _item6.Serialize(writer, value.Item6);
        _item7.Serialize(writer, value.Item7);
    }

    public ValueTuple<T1, T2, T3, T4, T5, T6, T7> Deserialize(ref MessagePackReader reader)
    {
        ArrayArity.Read(ref reader, 7, typeof(ValueTuple<T1, T2, T3, T4, T5, T6, T7>));
        var item1 = _item1.Deserialize(ref reader);
        var item2 = _item2.Deserialize(ref reader);
        var item3 = _item3.Deserialize(ref reader);
        var item4 = _item4.Deserialize(ref reader);
        var item5 = _item5.Deserialize(ref reader);
        var item6 = _item6.Deserialize(ref reader);
        var item7 = _item7.Deserialize(ref reader);
        return new ValueTuple<T1, T2, T3, T4, T5, T6, T7>(item1, item2, item3, item4, item5, item6, item7);
    }
}
