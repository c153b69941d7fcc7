using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Rdd.Core.Collections;

/// <summary>
/// Estimates the heap bytes that one buffered entry references beyond its inline slot (the slot itself is
/// counted by the owner's array capacity): strings, arrays, lists and other collections, boxed values and
/// objects walked field by field. The layout is the 64-bit CoreCLR one (16-byte object header, 24-byte
/// array header, 8-byte references, 8-byte alignment). Big arrays and collections are sampled and
/// extrapolated, and the walk stops a few levels deep: the result feeds a spill threshold, which needs to
/// be right within a small factor, and it is computed only at the <see cref="SizeTracker"/>'s sample points,
/// so reflection here is affordable.
/// </summary>
internal static class EntrySize
{
    private const int ObjectHeader = 16;
    private const int ArrayHeader = 24;
    private const int ReferenceSize = 8;
    private const int MaxDepth = 4;
    private const int ElementSamples = 16;
    private const int EntrySamples = 32;

    private static readonly ConcurrentDictionary<Type, Layout> s_layouts = new();

    /// <summary>Whether entries of these types can reference heap objects at all; when not, nothing needs sampling.</summary>
    public static bool HasReferences<TKey, TValue>() =>
        RuntimeHelpers.IsReferenceOrContainsReferences<TKey>() || RuntimeHelpers.IsReferenceOrContainsReferences<TValue>();

    /// <summary>Heap bytes referenced by one entry, beyond the inline slots of key and value.</summary>
    public static long Referenced<TKey, TValue>(TKey key, TValue value) => Referenced(key) + Referenced(value);

    /// <summary>Heap bytes referenced by <paramref name="value"/>, beyond its inline slot.</summary>
    public static long Referenced<T>(T value)
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>() || value is null) return 0;
        return typeof(T).IsValueType ? InlineReferenced(value, 0) : ObjectBytes(value, 0);
    }

    /// <summary>
    /// Heap bytes referenced by the first <paramref name="count"/> entries of parallel key and value
    /// arrays, extrapolated from up to 32 entries spread evenly over them.
    /// </summary>
    public static long SampleReferenced<TKey, TValue>(ReadOnlySpan<TKey> keys, ReadOnlySpan<TValue> values, int count)
    {
        if (count == 0 || !HasReferences<TKey, TValue>()) return 0;
        int samples = Math.Min(count, EntrySamples);
        long sampled = 0;
        for (int i = 0; i < samples; i++)
        {
            int index = (int)((long)i * count / samples);
            sampled += Referenced(keys[index], values[index]);
        }
        return sampled * count / samples;
    }

    private static long ObjectBytes(object value, int depth)
    {
        switch (value)
        {
            case string s:
                return Align(ObjectHeader + 4 + 2L * (s.Length + 1));
            case Array array:
                return ArrayBytes(array, depth);
            case ICollection collection:
                return CollectionBytes(collection, depth);
        }
        var type = value.GetType();
        var layout = LayoutOf(type);
        if (type.IsValueType)
        {
            // A boxed value: header plus the value, and whatever the value references.
            return Align(ObjectHeader + layout.SlotSize) + InlineReferenced(value, depth);
        }
        long bytes = layout.InstanceSize;
        if (depth < MaxDepth)
            foreach (var field in layout.ReferenceFields)
                bytes += SlotReferenced(field.GetValue(value), field.FieldType, depth + 1);
        return bytes;
    }

    private static long InlineReferenced(object boxed, int depth)
    {
        if (depth >= MaxDepth) return 0;
        long bytes = 0;
        foreach (var field in LayoutOf(boxed.GetType()).ReferenceFields)
            bytes += SlotReferenced(field.GetValue(boxed), field.FieldType, depth + 1);
        return bytes;
    }

    /// <summary>What a slot declared as <paramref name="declared"/> references: the object for a reference slot, the references inside a struct slot.</summary>
    private static long SlotReferenced(object? value, Type declared, int depth)
    {
        if (value is null) return 0;
        return declared.IsValueType ? InlineReferenced(value, depth) : ObjectBytes(value, depth);
    }

    private static long ArrayBytes(Array array, int depth)
    {
        var elementType = array.GetType().GetElementType()!;
        var element = LayoutOf(elementType);
        long bytes = Align(ArrayHeader + array.LongLength * element.SlotSize);
        if (!element.MayReference || depth >= MaxDepth || array.Rank != 1 || array.Length == 0) return bytes;
        var list = (IList)array;
        int samples = Math.Min(array.Length, ElementSamples);
        long sampled = 0;
        for (int i = 0; i < samples; i++)
            sampled += SlotReferenced(list[(int)((long)i * array.Length / samples)], elementType, depth + 1);
        return bytes + sampled * array.Length / samples;
    }

    private static long CollectionBytes(ICollection collection, int depth)
    {
        var type = collection.GetType();
        var layout = LayoutOf(type);
        int count = collection.Count;
        // List<T> and Dictionary<K, V> expose their capacity, which is what their backing arrays hold.
        int slots = layout.Capacity is not null && TryGetCapacity(layout.Capacity, collection) is int capacity ? Math.Max(capacity, count) : count;
        var elementType = layout.ElementType;
        long bytes = layout.InstanceSize + Align(ArrayHeader + (long)slots * LayoutOf(elementType).SlotSize);
        if (count == 0 || depth >= MaxDepth || !LayoutOf(elementType).MayReference) return bytes;
        int samples = 0;
        long sampled = 0;
        foreach (var item in collection)
        {
            sampled += SlotReferenced(item, elementType, depth + 1);
            if (++samples == ElementSamples) break;
        }
        return samples == 0 ? bytes : bytes + sampled * count / samples;
    }

    private static int? TryGetCapacity(PropertyInfo property, object collection)
    {
        try
        {
            return property.GetValue(collection) as int?;
        }
        catch (TargetInvocationException)
        {
            // A user collection whose Capacity getter fails: fall back to the count.
            return null;
        }
    }

    private static long Align(long bytes) => (bytes + 7) & ~7L;

    private static Layout LayoutOf(Type type) => s_layouts.GetOrAdd(type, static t => new Layout(t));

    /// <summary>What the estimator needs to know about a type, computed once by reflection.</summary>
    private sealed class Layout
    {
        public Layout(Type type)
        {
            // Classes (and arrays, strings) are references; structs are inline, primitives and enums hold no references.
            bool scalar = type.IsPrimitive || type.IsEnum;
            SlotSize = type.IsValueType ? RuntimeHelpers.SizeOf(type.TypeHandle) : ReferenceSize;
            var fields = new List<FieldInfo>();
            long inline = 0;
            if (!scalar && !type.IsArray)
            {
                for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
                {
                    foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        var fieldType = field.FieldType;
                        if (fieldType.IsPointer || fieldType.IsFunctionPointer)
                        {
                            inline += ReferenceSize;
                            continue;
                        }
                        inline += fieldType.IsValueType ? RuntimeHelpers.SizeOf(fieldType.TypeHandle) : ReferenceSize;
                        if (!fieldType.IsValueType || LayoutOf(fieldType).MayReference) fields.Add(field);
                    }
                }
            }
            ReferenceFields = [.. fields];
            MayReference = !type.IsValueType || (!scalar && fields.Count > 0);
            InstanceSize = Math.Max(Align(ObjectHeader + inline), 24);
            Capacity = typeof(ICollection).IsAssignableFrom(type)
                ? Array.Find(type.GetProperties(BindingFlags.Instance | BindingFlags.Public),
                    p => p.Name == "Capacity" && p.PropertyType == typeof(int) && p.CanRead && p.GetIndexParameters().Length == 0)
                : null;
            ElementType = ElementTypeOf(type);
        }

        /// <summary>Bytes taken inline by a field or element of this type.</summary>
        public int SlotSize { get; }

        /// <summary>Whether a value of this type can reference heap objects.</summary>
        public bool MayReference { get; }

        /// <summary>The bytes of one heap instance of a class: header plus fields.</summary>
        public long InstanceSize { get; }

        /// <summary>Fields that can reference heap objects (reference types and structs holding references).</summary>
        public FieldInfo[] ReferenceFields { get; }

        public PropertyInfo? Capacity { get; }

        /// <summary>The element type of a collection (object when not generic).</summary>
        public Type ElementType { get; }

        private static Type ElementTypeOf(Type type)
        {
            foreach (var i in type.GetInterfaces())
                if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                    return i.GetGenericArguments()[0];
            return typeof(object);
        }
    }
}
