using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;

namespace Rdd.Interactive;

/// <summary>
/// Gives every public class and struct of an Rdd assembly a display by its <c>ToString()</c>, so none falls back to the
/// kernel's default: a property tree that walks every reachable object, e.g. DataFrame → SqlContext → RddContext →
/// BlockStore, running whatever the getters compute. Types with a richer display register theirs after this one, and the
/// kernel prefers the formatter of the most derived type.
/// </summary>
internal static class ToStringFallback
{
    public static void Register(Assembly assembly)
    {
        foreach (var type in assembly.GetExportedTypes())
        {
            if (!(type.IsClass || type.IsValueType) || type.IsEnum || type.IsInterface
                || (type.IsAbstract && type.IsSealed) || typeof(Exception).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type))
            {
                continue;   // static classes, exceptions and delegates keep the kernel's own display
            }
            Formatter.Register(type, (value, writer) => writer.Write($"<code>{Html.Encode(value?.ToString())}</code>"), HtmlFormatter.MimeType);
            Formatter.Register(type, (value, writer) => writer.Write(value?.ToString()), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(type, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        }
    }
}
