using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Rdd.Core.Storage;

/// <summary>
/// Estimates the managed heap held by a block of objects, to enforce the storage memory cap (Spark's
/// SizeEstimator, for CoreCLR on 64 bits). The object graph is walked by reflection with a per-type layout
/// cache; shared objects count once. Arrays longer than <see cref="ExactArrayLength"/> are sampled, so a
/// block of a million rows costs a few hundred element visits. An object implementing
/// <see cref="IReportsHeapSize"/> is taken at its word and not walked.
/// </summary>
internal static class SizeEstimator
{
    private const int PointerSize = 8;

    // Object header word + method table pointer.
    private const int ObjectHeaderSize = 16;

    // Header, method table and length, padded to 8 bytes: the base of every single-dimension array.
    private const int ArrayHeaderSize = 24;

    // The allocator never hands out less (an object with no fields still has a padding word).
    private const int MinObjectSize = 24;

    // Arrays up to this length are walked element by element; longer ones are sampled (Spark's numbers).
    private const int ExactArrayLength = 400;
    private const int ArraySampleSize = 100;

    private static readonly ConcurrentDictionary<Type, TypeLayout> s_layouts = new();

    /// <summary>Bytes held by <paramref name="block"/>: the array itself and everything it references.</summary>
    public static long Estimate<T>(T[] block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            return ArraySize(block.Length, Unsafe.SizeOf<T>());
        return new Walk().SizeOf(block);
    }

    /// <summary>Bytes held by <paramref name="value"/> and the objects it references (0 for null).</summary>
    public static long EstimateObject(object? value) => value is null ? 0 : new Walk().SizeOf(value);

    private static long Align(long size) => (size + 7) & ~7L;

    private static long ArraySize(long length, int elementSize) => Align(ArrayHeaderSize + length * elementSize);

    private static long StringSize(int length) => Math.Max(MinObjectSize, Align(ObjectHeaderSize + 4 + 2L * (length + 1)));

    private static TypeLayout LayoutOf(Type type) => s_layouts.GetOrAdd(type, static t => TypeLayout.Create(t));

    /// <summary>One estimation: the objects already counted, so that shared ones count once.</summary>
    private sealed class Walk
    {
        private readonly HashSet<object> _visited = new(ReferenceEqualityComparer.Instance);
        private readonly Random _random = new(42);

        /// <summary>Size of the graph under <paramref name="root"/>, excluding objects this walk already counted.</summary>
        public long SizeOf(object root)
        {
            // Explicit stack: a linked structure can be deeper than the thread's stack.
            var pending = new Stack<object>();
            pending.Push(root);
            long size = 0;
            while (pending.TryPop(out var obj))
            {
                if (!_visited.Add(obj)) continue;
                size += Visit(obj, pending);
            }
            return size;
        }

        private long Visit(object obj, Stack<object> pending)
        {
            switch (obj)
            {
                case IReportsHeapSize reported:
                    return reported.HeapBytes;
                case string s:
                    return StringSize(s.Length);
                case Array array:
                    return VisitArray(array, pending);
                case Type or MemberInfo:
                    // Runtime metadata is shared by the whole process, not held by the block.
                    return 0;
            }
            var layout = LayoutOf(obj.GetType());
            // A delegate's target is code's state (often a whole context), not data the block holds.
            if (obj is Delegate) return layout.InstanceSize;
            PushReferences(obj, layout, pending);
            return layout.InstanceSize;
        }

        private long VisitArray(Array array, Stack<object> pending)
        {
            var element = LayoutOf(array.GetType().GetElementType()!);
            long length = array.LongLength;
            long size = ArraySize(length, element.InlineSize) + (array.Rank > 1 ? 8L * array.Rank : 0);
            if (!element.ContainsReferences || length == 0) return size;
            if (length <= ExactArrayLength || array.Rank > 1)
            {
                foreach (var item in array) PushElement(item, element, pending);
                return size;
            }
            // Sample twice without replacement; objects shared between elements are counted by the first
            // sample only, so the smaller sample is the better per-element figure (Spark's rule).
            var drawn = new HashSet<int>();
            long first = SampleArray(array, element, drawn);
            long second = SampleArray(array, element, drawn);
            return size + Math.Max(first, second) + (long)(Math.Min(first, second) * ((length - ArraySampleSize) / (double)ArraySampleSize));
        }

        private long SampleArray(Array array, TypeLayout element, HashSet<int> drawn)
        {
            long size = 0;
            int length = array.Length;
            for (int i = 0; i < ArraySampleSize; i++)
            {
                int index;
                do index = _random.Next(length);
                while (!drawn.Add(index));
                var item = array.GetValue(index);
                if (item is null) continue;
                if (element.IsValueType)
                {
                    var fields = new Stack<object>();
                    PushReferences(item, element, fields);
                    while (fields.TryPop(out var field)) size += SizeOf(field);
                }
                else size += SizeOf(item);
            }
            return size;
        }

        /// <summary>An array slot: a reference to follow, or an inline struct whose references to follow.</summary>
        private static void PushElement(object? item, TypeLayout element, Stack<object> pending)
        {
            if (item is null) return;
            if (element.IsValueType) PushReferences(item, element, pending);
            else pending.Push(item);
        }

        /// <summary>Pushes what the fields of <paramref name="obj"/> (laid out as <paramref name="layout"/>) reference.</summary>
        private static void PushReferences(object obj, TypeLayout layout, Stack<object> pending)
        {
            foreach (var field in layout.ReferenceFields)
                if (field.GetValue(obj) is { } target) pending.Push(target);
            foreach (var (field, inner) in layout.InlineStructFields)
                if (field.GetValue(obj) is { } boxed) PushReferences(boxed, inner, pending);
        }
    }

    /// <summary>What the walk needs to know about a type, computed once per type.</summary>
    private sealed class TypeLayout
    {
        private TypeLayout(bool isValueType, int inlineSize, long instanceSize, bool containsReferences,
            FieldInfo[] referenceFields, (FieldInfo, TypeLayout)[] inlineStructFields)
        {
            IsValueType = isValueType;
            InlineSize = inlineSize;
            InstanceSize = instanceSize;
            ContainsReferences = containsReferences;
            ReferenceFields = referenceFields;
            InlineStructFields = inlineStructFields;
        }

        public bool IsValueType { get; }

        /// <summary>Bytes the type takes in a field or array slot: a pointer for classes, the struct size for structs.</summary>
        public int InlineSize { get; }

        /// <summary>Bytes of one heap instance (boxed, for a struct) without what it references.</summary>
        public long InstanceSize { get; }

        public bool ContainsReferences { get; }

        /// <summary>Instance fields holding references.</summary>
        public FieldInfo[] ReferenceFields { get; }

        /// <summary>Instance fields holding structs that themselves hold references.</summary>
        public (FieldInfo Field, TypeLayout Layout)[] InlineStructFields { get; }

        public static TypeLayout Create(Type type)
        {
            if (type.IsPointer || type.IsFunctionPointer || type.IsByRef)
                return new TypeLayout(true, PointerSize, MinObjectSize, false, [], []);
            int inlineSize = RuntimeHelpers.SizeOf(type.TypeHandle);
            // Primitives declare a field of their own type (int.m_value): they are leaves.
            if (type.IsPrimitive || type.IsEnum)
                return new TypeLayout(true, inlineSize, Math.Max(MinObjectSize, Align(ObjectHeaderSize + inlineSize)), false, [], []);
            var references = new List<FieldInfo>();
            var structs = new List<(FieldInfo, TypeLayout)>();
            long fieldBytes = 0;
            // A class's fields include its base classes' private fields: walk up the hierarchy.
            for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    var fieldType = field.FieldType;
                    if (fieldType.IsPointer || fieldType.IsFunctionPointer)
                    {
                        fieldBytes += PointerSize;
                    }
                    else if (!fieldType.IsValueType)
                    {
                        fieldBytes += PointerSize;
                        references.Add(field);
                    }
                    else
                    {
                        var inner = LayoutOf(fieldType);
                        fieldBytes += inner.InlineSize;
                        if (inner.ContainsReferences) structs.Add((field, inner));
                    }
                }
                if (type.IsValueType) break;
            }
            bool containsReferences = !type.IsValueType || references.Count > 0 || structs.Count > 0;
            long instanceSize = type.IsValueType
                ? Math.Max(MinObjectSize, Align(ObjectHeaderSize + inlineSize))
                : Math.Max(MinObjectSize, ObjectHeaderSize + Align(fieldBytes));
            return new TypeLayout(type.IsValueType, inlineSize, instanceSize, containsReferences, [.. references], [.. structs]);
        }
    }
}
