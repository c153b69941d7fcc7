using System.Linq.Expressions;
using System.Reflection;
using MessagePack;
using MessagePack.Formatters;

namespace Rdd.Core.Serialization;

/// <summary>
/// Records, classes and structs as a msgpack array of their members (see <see cref="MemberwiseLayout"/> for
/// which members and in what order); a null reference as nil. The member loop is compiled once per type into
/// two delegates with the member formatters as constants, so there is no reflection per value. They are built
/// at the first value rather than in the constructor, so that a recursive type (<c>record Node(int Value,
/// Node? Next)</c>) finds its own formatter already registered with the resolver.
/// </summary>
internal sealed class MemberwiseFormatter<T> : IMessagePackFormatter<T>
{
    private delegate void WriteMembers(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options);

    private delegate T ReadMembers(ref MessagePackReader reader, MessagePackSerializerOptions options);

    private readonly MemberwiseLayout _layout;
    private Compiled? _compiled;

    public MemberwiseFormatter(MemberwiseLayout layout)
    {
        _layout = layout;
    }

    private Compiled Members => Volatile.Read(ref _compiled) ?? Compile();

    public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        var members = Members;
        writer.WriteArrayHeader(members.Count);
        members.Write(ref writer, value, options);
    }

    public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (!typeof(T).IsValueType && reader.TryReadNil()) return default!;
        var members = Members;
        int count = reader.ReadArrayHeader();
        if (count != members.Count)
            throw new MessagePackSerializationException($"{typeof(T).Name} is encoded as an array of {members.Count} element(s) but the array has {count}.");
        options.Security.DepthStep(ref reader);
        try
        {
            return members.Read(ref reader, options);
        }
        finally
        {
            reader.Depth--;
        }
    }

    private Compiled Compile()
    {
        var formatters = new object[_layout.Members.Count];
        for (var i = 0; i < formatters.Length; i++)
        {
            var memberType = MemberwiseLayout.MemberType(_layout.Members[i]);
            formatters[i] = typeof(FormatterResolverExtensions).GetMethod(nameof(FormatterResolverExtensions.GetFormatterWithVerify))!
                .MakeGenericMethod(memberType).Invoke(null, [RddResolver.Instance])!;
        }
        var compiled = new Compiled(formatters.Length, CompileWrite(formatters), CompileRead(formatters));
        return Interlocked.CompareExchange(ref _compiled, compiled, null) ?? compiled;
    }

    private WriteMembers CompileWrite(object[] formatters)
    {
        var writer = Expression.Parameter(typeof(MessagePackWriter).MakeByRefType(), "writer");
        var value = Expression.Parameter(typeof(T), "value");
        var options = Expression.Parameter(typeof(MessagePackSerializerOptions), "options");
        var body = new List<Expression>();
        for (var i = 0; i < formatters.Length; i++)
        {
            var member = _layout.Members[i];
            var formatterType = FormatterType(member);
            body.Add(Expression.Call(
                Expression.Constant(formatters[i], formatterType),
                formatterType.GetMethod(nameof(IMessagePackFormatter<int>.Serialize))!,
                writer,
                Expression.MakeMemberAccess(value, member),
                options));
        }
        body.Add(Expression.Empty());
        return Expression.Lambda<WriteMembers>(Expression.Block(body), writer, value, options).Compile();
    }

    private ReadMembers CompileRead(object[] formatters)
    {
        var reader = Expression.Parameter(typeof(MessagePackReader).MakeByRefType(), "reader");
        var options = Expression.Parameter(typeof(MessagePackSerializerOptions), "options");
        var values = _layout.Members.Select((m, i) => Expression.Variable(MemberwiseLayout.MemberType(m), $"member{i}")).ToArray();
        var result = Expression.Variable(typeof(T), "result");
        var body = new List<Expression>();
        for (var i = 0; i < formatters.Length; i++)
        {
            var formatterType = FormatterType(_layout.Members[i]);
            body.Add(Expression.Assign(values[i], Expression.Call(
                Expression.Constant(formatters[i], formatterType),
                formatterType.GetMethod(nameof(IMessagePackFormatter<int>.Deserialize))!,
                reader,
                options)));
        }

        Expression construct;
        if (_layout.Constructor is { } constructor)
        {
            var parameters = constructor.GetParameters();
            construct = Expression.New(constructor, parameters.Select((p, j) =>
                Convert(values[_layout.ConstructorMembers[j]], p.ParameterType)));
        }
        else
        {
            construct = Expression.Default(typeof(T));
        }
        body.Add(Expression.Assign(result, construct));

        for (var i = 0; i < formatters.Length; i++)
        {
            if (!_layout.IsSetByConstructor(i))
            {
                body.Add(Expression.Assign(Expression.MakeMemberAccess(result, _layout.Members[i]), values[i]));
            }
        }
        body.Add(result);
        return Expression.Lambda<ReadMembers>(Expression.Block(values.Append(result), body), reader, options).Compile();
    }

    private static Type FormatterType(MemberInfo member) =>
        typeof(IMessagePackFormatter<>).MakeGenericType(MemberwiseLayout.MemberType(member));

    private static Expression Convert(Expression value, Type target) =>
        value.Type == target ? value : Expression.Convert(value, target);

    private sealed class Compiled(int count, WriteMembers write, ReadMembers read)
    {
        public int Count { get; } = count;

        public WriteMembers Write { get; } = write;

        public ReadMembers Read { get; } = read;
    }
}
