using System.Collections.Concurrent;
using System.Reflection;
using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql;

/// <summary>
/// The entry point of Rdd.Sql, Spark's <c>SQLContext</c>/<c>SparkSession</c>: reads files into
/// <see cref="DataFrame"/>s, builds them from .NET objects and keeps the temporary views that
/// <see cref="Table"/> looks up.
/// </summary>
public sealed class SqlContext
{
    private readonly ConcurrentDictionary<string, DataFrame> _views = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A SQL context running its queries on <paramref name="context"/>.</summary>
    public SqlContext(RddContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
    }

    /// <summary>The context that runs the queries.</summary>
    public RddContext Context { get; }

    /// <summary>The SQL runtime settings (Spark's <c>spark.conf</c>), e.g. <c>spark.sql.autoBroadcastJoinThreshold</c>; see <see cref="RuntimeConfig"/>.</summary>
    public RuntimeConfig Conf { get; } = new();

    /// <summary>A new reader of files: <c>Read.Csv(path)</c>, <c>Read.Option("sep", ";").Csv(path)</c>, ….</summary>
    public DataFrameReader Read => new(this);

    /// <summary>The temporary view registered as <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="AnalysisException">No such view.</exception>
    public DataFrame Table(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _views.TryGetValue(name, out var frame)
            ? new DataFrame(this, new SubqueryAlias(name, frame.Plan))
            : throw new AnalysisException($"[TABLE_OR_VIEW_NOT_FOUND] The table or view `{name}` cannot be found.");
    }

    internal void RegisterView(string name, DataFrame frame) => _views[name] = frame;

    /// <summary>The frame registered as view <paramref name="name"/>, or null.</summary>
    internal DataFrame? TryGetView(string name) => _views.TryGetValue(name, out var frame) ? frame : null;

    /// <summary>Removes view <paramref name="name"/>; false when there was none.</summary>
    internal bool DropView(string name) => _views.TryRemove(name, out _);

    /// <summary>The registered views' names, sorted.</summary>
    internal IReadOnlyList<string> ViewNames => [.. _views.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Runs one Spark SQL statement and returns its result as a frame: a query (SELECT, WITH, set operations)
    /// planned by the same analyzer, optimizer and operators as the DataFrame API, lazily as any frame; or a command
    /// run now (CREATE [OR REPLACE] TEMP VIEW … AS, DROP VIEW, SHOW TABLES, DESCRIBE, EXPLAIN [EXTENDED]) whose frame
    /// holds its output rows. Views are those of <see cref="Table"/> and <see cref="DataFrame.CreateOrReplaceTempView"/>.
    /// </summary>
    /// <exception cref="ParseException">The text is not well formed (the message shows the line with a caret).</exception>
    /// <exception cref="AnalysisException">An unknown view, column or function (the message suggests the nearest names), or a type error.</exception>
    public DataFrame Sql(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new Analysis.SqlStatementRunner(this).Run(Parsing.SqlParser.Parse(query));
    }

    /// <summary>
    /// A frame whose columns are the public instance fields and then the public readable properties of
    /// <typeparamref name="T"/> (each in declaration order; a record's positional parameters in order; named by
    /// <c>[DataMember(Name = …)]</c> where present) and whose rows are <paramref name="rows"/>. Types: int, long, short, sbyte, float, double, bool,
    /// string, byte[], DateOnly (date), DateTime (timestamp), classes with a user-defined type (MlLib's
    /// <c>Vector</c>), and nullable value types (nullable columns).
    /// The rows are copied into in-memory Arrow record batches when this is called (reflection runs once per type),
    /// split into <see cref="RddContext.DefaultParallelism"/> slices.
    /// </summary>
    /// <exception cref="NotSupportedException">A member has a type with no SQL equivalent.</exception>
    public DataFrame CreateDataFrame<T>(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var shape = RowShape<T>.Instance;
        var data = rows.Select(shape.ToValues).ToList();
        return new DataFrame(this, DataFrame.LocalScan(shape.Schema, data, Context.DefaultParallelism));
    }

    /// <summary>
    /// A frame over the elements of <paramref name="rows"/>, with the columns of
    /// <see cref="CreateDataFrame{T}(IEnumerable{T})"/>. Lazy, as in Spark: nothing runs now; each query computes
    /// the Rdd (one frame partition per Rdd partition) and turns its elements into record batches in the tasks.
    /// Cache the frame (or the Rdd) to compute it once.
    /// </summary>
    public DataFrame CreateDataFrame<T>(Rdd<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var shape = RowShape<T>.Instance;
        var schema = shape.Schema;
        var batches = rows.MapPartitions(items => DataFrame.ToBatches(schema, items.Select(shape.ToValues), RddBatchRows));
        var output = schema.Select(f => AttributeReference.Create(f.Name, f.DataType, f.Nullable)).ToList();
        return new DataFrame(this, new RddRelation(output, batches));
    }

    /// <summary>
    /// A frame holding a copy of <paramref name="frame"/>'s columns (Spark's <c>createDataFrame(pandas_df)</c>), split
    /// into <see cref="RddContext.DefaultParallelism"/> slices. Every column is nullable; unsigned integers widen as
    /// Arrow's do (byte to smallint, uint to bigint), <c>char</c> becomes a string and <see cref="DateTime"/> a
    /// timestamp (local times converted to UTC, unspecified ones taken as UTC, as for objects).
    /// </summary>
    /// <exception cref="NotSupportedException">A column type with no SQL type; the message names the column.</exception>
    public DataFrame CreateDataFrame(Microsoft.Data.Analysis.DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var (schema, batches) = Interop.DataAnalysisImport.Import(frame, Context.DefaultParallelism);
        var source = new DataSource(DataSourceFormat.Batches, [], new Dictionary<string, string>(), schema, batches);
        return new DataFrame(this, Scan.Create(source));
    }

    /// <summary>Rows per batch when an Rdd's elements become a frame's batches (the readers' batch size).</summary>
    private const int RddBatchRows = 8 * 1024;

    /// <summary>
    /// A frame with one non-nullable bigint column <c>id</c> holding 0 … <paramref name="end"/> − 1, generated as
    /// in-memory record batches split like Spark's range (at least <see cref="RddContext.DefaultParallelism"/> slices).
    /// </summary>
    public DataFrame Range(long end)
    {
        end = Math.Max(0, end);
        var schema = new StructType(new StructField("id", DataTypes.Long, false));
        var arrowSchema = ArrowTypeMapping.ToArrowSchema(schema);
        const long MaxBatchRows = 1 << 20;
        long slices = Math.Max(Context.DefaultParallelism, (end + MaxBatchRows - 1) / MaxBatchRows);
        var batches = new List<RecordBatch>();
        for (long i = 0; i < slices; i++)
        {
            long start = i * end / slices;
            int length = (int)((i + 1) * end / slices - start);
            var values = KernelArrays.AllocateValues<long>(length);
            var span = KernelArrays.AsSpan<long>(values);
            for (int j = 0; j < length; j++)
            {
                span[j] = start + j;
            }
            batches.Add(new RecordBatch(arrowSchema, [KernelArrays.Fixed(DataTypes.Long, values, null, length)], length));
        }
        var source = new DataSource(DataSourceFormat.Batches, [], new Dictionary<string, string>(), schema, batches);
        return new DataFrame(this, Scan.Create(source));
    }

    /// <summary>The SQL type of a .NET type and whether it is nullable.</summary>
    internal static (DataType Type, bool Nullable) SqlTypeOf(Type type, int depth = 0)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        bool nullable = underlying is not null || !type.IsValueType;
        var t = underlying ?? type;
        DataType sql = t == typeof(int) ? DataTypes.Integer
            : t == typeof(long) ? DataTypes.Long
            : t == typeof(short) ? DataTypes.Short
            : t == typeof(sbyte) ? DataTypes.Byte
            : t == typeof(float) ? DataTypes.Float
            : t == typeof(double) ? DataTypes.Double
            : t == typeof(bool) ? DataTypes.Boolean
            : t == typeof(string) ? DataTypes.String
            : t == typeof(byte[]) ? DataTypes.Binary
            : t == typeof(DateOnly) ? DataTypes.Date
            : t == typeof(DateTime) ? DataTypes.Timestamp
            : t == typeof(decimal) ? DecimalType.SystemDefault
            : UserDefinedTypes.ForClass(t) as DataType
            ?? NestedTypeOf(t, depth)
            ?? throw new NotSupportedException($"The .NET type {type} has no SQL type.");
        return (sql, nullable);
    }

    /// <summary>
    /// Spark's encoder rules for nested values: an array or list of T (any <see cref="IEnumerable{T}"/> but a
    /// string) is an <c>array</c> of T's type, a class or struct with public members a <c>struct</c> of them.
    /// </summary>
    private static DataType? NestedTypeOf(Type type, int depth)
    {
        if (depth > MaxNesting)
        {
            throw new NotSupportedException($"The .NET type {type} nests more than {MaxNesting} levels deep (a recursive type has no SQL type).");
        }
        var itemType = type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        if (itemType is not null)
        {
            var (item, containsNull) = SqlTypeOf(itemType, depth + 1);
            return new ArrayType(item, containsNull);
        }
        if (type.IsPrimitive || type.IsEnum || type.IsPointer || typeof(System.Collections.IEnumerable).IsAssignableFrom(type) || type == typeof(object))
        {
            return null;
        }
        var members = PublicMembers(type);
        return members.Length == 0
            ? null
            : new StructType(members.Select(m =>
            {
                var (sql, nullable) = SqlTypeOf(MemberType(m), depth + 1);
                return new StructField(ColumnName(m), sql, nullable);
            }));
    }

    private const int MaxNesting = 32;

    /// <summary>The public instance fields and readable properties that become columns or struct fields, in declaration order.</summary>
    private static MemberInfo[] PublicMembers(Type type) =>
        [.. type.GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m is PropertyInfo { CanRead: true } p && p.GetIndexParameters().Length == 0 || m is FieldInfo)
            .OrderBy(m => m.MetadataToken)];

    private static Type MemberType(MemberInfo member) => member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;

    // [DataMember(Name = "label")] names the column, so a C# property can map to Spark's lower-case name.
    private static string ColumnName(MemberInfo member) =>
        member.GetCustomAttribute<System.Runtime.Serialization.DataMemberAttribute>()?.Name ?? member.Name;

    private static object? MemberValue(MemberInfo member, object target) =>
        member is PropertyInfo p ? p.GetValue(target) : ((FieldInfo)member).GetValue(target);

    /// <summary>
    /// A member's value in the form the column builders take: a nested object as the <c>object?[]</c> of its
    /// members, a sequence as an <c>object?[]</c> of its items, a local time as UTC.
    /// </summary>
    private static object? ToColumnValue(object? value, DataType type) => (value, type) switch
    {
        (null, _) => null,
        (DateTime { Kind: DateTimeKind.Local } local, _) => local.ToUniversalTime(),
        (Row, StructType) => value,
        (_, StructType structType) => ToColumnValues(value, structType),
        (System.Collections.IEnumerable items, ArrayType array) => items.Cast<object?>().Select(i => ToColumnValue(i, array.ElementType)).ToArray(),
        _ => value,
    };

    private static object?[] ToColumnValues(object value, StructType type)
    {
        var members = PublicMembers(value.GetType());
        var values = new object?[type.Count];
        for (int f = 0; f < values.Length; f++)
        {
            values[f] = ToColumnValue(MemberValue(members[f], value), type[f].DataType);
        }
        return values;
    }

    /// <summary>The columns of <typeparamref name="T"/>, found by reflection once per type.</summary>
    private sealed class RowShape<T>
    {
        private static RowShape<T>? s_instance;

        /// <summary>The shape of <typeparamref name="T"/>, built on first use (a lost race only builds it twice).</summary>
        public static RowShape<T> Instance => s_instance ??= new();

        private readonly Func<T, object?>[] _getters;

        private RowShape()
        {
            var members = PublicMembers(typeof(T));
            var fields = new List<StructField>();
            var getters = new List<Func<T, object?>>();
            foreach (var member in members)
            {
                var (sql, nullable) = SqlTypeOf(MemberType(member));
                fields.Add(new StructField(ColumnName(member), sql, nullable));
                getters.Add(member is PropertyInfo prop ? x => prop.GetValue(x) : x => ((FieldInfo)member).GetValue(x));
            }
            Schema = new StructType(fields);
            _getters = [.. getters];
        }

        public StructType Schema { get; }

        public object?[] ToValues(T row)
        {
            var values = new object?[_getters.Length];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = ToColumnValue(_getters[i](row), Schema[i].DataType);
            }
            return values;
        }
    }
}
