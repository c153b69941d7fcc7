namespace Rdd.Core.Serialization;

/// <summary>
/// The formatter of <typeparamref name="T"/> in a static field, so the per-element path is a field load
/// rather than a dictionary lookup. An unsupported type is remembered and reported on every use.
/// </summary>
internal static class FormatterCache<T>
{
    private static readonly IMessagePackFormatter<T>? s_formatter;
    private static readonly string? s_error;

    static FormatterCache()
    {
        try
        {
            s_formatter = FormatterResolver.Get<T>();
        }
        catch (NotSupportedException e)
        {
            s_error = e.Message;
        }
    }

    public static IMessagePackFormatter<T> Instance => s_formatter ?? throw new NotSupportedException(s_error);
}
