using System.Linq.Expressions;
using System.Reflection;

namespace Rdd.Core.Serialization;

/// <summary>
/// Records, classes and structs as a msgpack array of their members (see <see cref="MemberwiseLayout"/>
/// for which members and in what order); a null reference as nil. The member loop is compiled once per
/// type into two delegates with the member formatters as constants, so there is no reflection per value.
/// </summary>
internal sealed class MemberwiseFormatter<T> : IMessagePackFormatter<T>
{
    private delegate T ReadMembers(ref MessagePackReader reader);

    private readonly int _memberCount;
    private readonly Action<MessagePackWriter, T> _write;
    private readonly ReadMembers _read;

    public MemberwiseFormatter(MemberwiseLayout layout)
    {
        var formatters = new object[layout.Members.Count];
        for (var i = 0; i < formatters.Length; i++)
        {
            var member = layout.Members[i];
            try
            {
                formatters[i] = FormatterResolver.Get(MemberwiseLayout.MemberType(member));
            }
            catch (NotSupportedException e)
            {
                throw new NotSupportedException(
                    $"Type '{typeof(T)}' cannot be serialized: member '{member.Name}': {e.Message}", e);
            }
        }
        _memberCount = formatters.Length;
        _write = CompileWrite(layout, formatters);
        _read = CompileRead(layout, formatters);
    }

    public void Serialize(MessagePackWriter writer, T value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        writer.WriteArrayHeader(_memberCount);
        _write(writer, value);
    }

    public T Deserialize(ref MessagePackReader reader)
    {
        if (!typeof(T).IsValueType && reader.TryReadNil())
        {
            return default!;
        }
        ArrayArity.Read(ref reader, _memberCount, typeof(T));
        return _read(ref reader);
    }

    private static Action<MessagePackWriter, T> CompileWrite(MemberwiseLayout layout, object[] formatters)
    {
        var writer = Expression.Parameter(typeof(MessagePackWriter), "writer");
        var value = Expression.Parameter(typeof(T), "value");
        var body = new List<Expression>();
        for (var i = 0; i < formatters.Length; i++)
        {
            var member = layout.Members[i];
            var formatterType = FormatterType(member);
            body.Add(Expression.Call(
                Expression.Constant(formatters[i], formatterType),
                formatterType.GetMethod(nameof(IMessagePackFormatter<int>.Serialize))!,
                writer,
                Expression.MakeMemberAccess(value, member)));
        }
        body.Add(Expression.Empty());
        return Expression.Lambda<Action<MessagePackWriter, T>>(Expression.Block(body), writer, value).Compile();
    }

    private static ReadMembers CompileRead(MemberwiseLayout layout, object[] formatters)
    {
        var reader = Expression.Parameter(typeof(MessagePackReader).MakeByRefType(), "reader");
        var values = layout.Members.Select((m, i) => Expression.Variable(MemberwiseLayout.MemberType(m), $"member{i}")).ToArray();
        var result = Expression.Variable(typeof(T), "result");
        var body = new List<Expression>();
        for (var i = 0; i < formatters.Length; i++)
        {
            var formatterType = FormatterType(layout.Members[i]);
            body.Add(Expression.Assign(values[i], Expression.Call(
                Expression.Constant(formatters[i], formatterType),
                formatterType.GetMethod(nameof(IMessagePackFormatter<int>.Deserialize))!,
                reader)));
        }

        Expression construct;
        if (layout.Constructor is { } constructor)
        {
            var parameters = constructor.GetParameters();
            construct = Expression.New(constructor, parameters.Select((p, j) =>
                Convert(values[layout.ConstructorMembers[j]], p.ParameterType)));
        }
        else
        {
            construct = Expression.Default(typeof(T));
        }
        body.Add(Expression.Assign(result, construct));

        for (var i = 0; i < formatters.Length; i++)
        {
            if (!layout.IsSetByConstructor(i))
            {
                body.Add(Expression.Assign(Expression.MakeMemberAccess(result, layout.Members[i]), values[i]));
            }
        }
        body.Add(result);
        return Expression.Lambda<ReadMembers>(Expression.Block(values.Append(result), body), reader).Compile();
    }

    private static Type FormatterType(MemberInfo member) =>
        typeof(IMessagePackFormatter<>).MakeGenericType(MemberwiseLayout.MemberType(member));

    private static Expression Convert(Expression value, Type target) =>
        value.Type == target ? value : Expression.Convert(value, target);
}
