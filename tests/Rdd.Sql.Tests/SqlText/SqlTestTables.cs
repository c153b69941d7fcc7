using Rdd.Sql.Tests.TestSupport;
using System.Globalization;
using System.Runtime.Serialization;
using System.Text;
using Rdd.Core;

namespace Rdd.Sql.Tests.SqlText;

public sealed record Emp(
    [property: DataMember(Name = "id")] int Id,
    [property: DataMember(Name = "name")] string? Name,
    [property: DataMember(Name = "dept")] string? Dept,
    [property: DataMember(Name = "salary")] int? Salary,
    [property: DataMember(Name = "bonus")] double? Bonus,
    [property: DataMember(Name = "hired")] DateOnly? Hired,
    [property: DataMember(Name = "mgr")] int? Mgr);

public sealed record Dept(
    [property: DataMember(Name = "dept")] string? DeptName,
    [property: DataMember(Name = "floor")] int Floor,
    [property: DataMember(Name = "budget")] long? Budget);

public sealed record Order(
    [property: DataMember(Name = "oid")] long Oid,
    [property: DataMember(Name = "emp_id")] int? EmpId,
    [property: DataMember(Name = "amount")] double Amount,
    [property: DataMember(Name = "qty")] int Qty,
    [property: DataMember(Name = "day")] DateOnly Day,
    [property: DataMember(Name = "status")] string? Status);

public sealed record Num(
    [property: DataMember(Name = "a")] int A,
    [property: DataMember(Name = "b")] int? B,
    [property: DataMember(Name = "c")] double? C);

public sealed record EmptyRow(
    [property: DataMember(Name = "id")] int Id,
    [property: DataMember(Name = "v")] string? V);

/// <summary>
/// The seeded tables every SQL comparison query reads, registered under the same names in Rdd (temp views) and in
/// an in-process DuckDB (tables): <c>emp</c> (200 rows; NULL names, depts, salaries, bonuses, dates and
/// managers; a skewed dept - half the rows are 'eng'; duplicate salaries), <c>dept</c> (one dept with no employee,
/// a NULL dept, and 'eng' twice for duplicate join matches), <c>orders</c> (600 rows, many per employee, some
/// for unknown employees or none), <c>nums</c> (small, duplicate rows, NULLs, negatives) and <c>empty_t</c> (no rows).
/// </summary>
public sealed class SqlTestTables : IDisposable
{
    private static readonly string[] Names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "Mallory", "o'neil", "Zoe", "ab%c", "a_b"];
    private static readonly string[] Depts = ["eng", "eng", "eng", "eng", "ops", "ops", "hr", "sales", "legal"];
    private static readonly string[] Statuses = ["open", "shipped", "shipped", "returned", "OPEN"];

    public SqlTestTables()
    {
        var random = new Random(20261207);
        var emps = new List<Emp>();
        for (int i = 1; i <= 200; i++)
        {
            emps.Add(new Emp(
                i,
                random.Next(12) == 0 ? null : Names[random.Next(Names.Length)] + (i % 3 == 0 ? "" : i.ToString(CultureInfo.InvariantCulture)),
                random.Next(15) == 0 ? null : Depts[random.Next(Depts.Length)],
                random.Next(10) == 0 ? null : 1000 * random.Next(30, 60),
                random.Next(5) == 0 ? null : Math.Round(random.NextDouble() * 500 - 50, 2),
                random.Next(20) == 0 ? null : new DateOnly(2015, 1, 1).AddDays(random.Next(3000)),
                i <= 5 || random.Next(8) == 0 ? null : random.Next(1, i)));
        }
        var depts = new List<Dept>
        {
            new("eng", 1, 1_000_000), new("ops", 2, 250_000), new("hr", 2, null), new("sales", 3, 500_000),
            new("research", 4, 750_000), new(null, 5, 1), new("eng", 9, 42),
        };
        var orders = new List<Order>();
        for (int i = 1; i <= 600; i++)
        {
            int? emp = random.Next(25) == 0 ? null : random.Next(10) == 0 ? 200 + random.Next(1, 20) : random.Next(1, 60);
            orders.Add(new Order(
                10_000L + i,
                emp,
                Math.Round(random.NextDouble() * 1000, 2),
                random.Next(1, 10),
                new DateOnly(2024, 1, 1).AddDays(random.Next(400)),
                random.Next(12) == 0 ? null : Statuses[random.Next(Statuses.Length)]));
        }
        var nums = new List<Num>
        {
            new(1, 1, 1.5), new(1, 1, 1.5), new(2, null, -2.25), new(3, 3, null), new(-4, -1, 0.0), new(5, 0, 10.0),
            new(5, 0, 10.0), new(6, 7, 3.75), new(0, null, null), new(-7, 2, -0.5),
        };

        Context = new RddContext(new RddConfig { Parallelism = 2 });
        Sql = new SqlContext(Context);
        Duck = new DuckDb();
        Register("emp", emps);
        Register("dept", depts);
        Register("orders", orders);
        Register("nums", nums);
        Register("empty_t", new List<EmptyRow>());
        // Spark sorts NULLs first when ascending and last when descending; DuckDB's default is NULLS LAST both ways.
        // Setting DuckDB to Spark's default lets the queries leave NULL ordering implicit; some still spell it out.
        Execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
    }

    public RddContext Context { get; }

    public SqlContext Sql { get; }

    public DuckDb Duck { get; }

    private void Register<T>(string name, List<T> rows)
    {
        var frame = Sql.CreateDataFrame(rows);
        frame.CreateOrReplaceTempView(name);
        var columns = frame.Schema.Fields.Select(f => $"{f.Name} {DuckType(f.DataType.SimpleString)}");
        Execute($"CREATE TABLE {name} ({string.Join(", ", columns)})");
        if (rows.Count == 0)
        {
            return;
        }
        var properties = typeof(T).GetProperties();
        var insert = new StringBuilder($"INSERT INTO {name} VALUES ");
        insert.AppendJoin(", ", rows.Select(r => "(" + string.Join(", ", properties.Select(p => DuckLiteral(p.GetValue(r)))) + ")"));
        Execute(insert.ToString());
    }

    private static string DuckType(string sparkType) => sparkType switch
    {
        "int" => "INTEGER",
        "bigint" => "BIGINT",
        "double" => "DOUBLE",
        "string" => "VARCHAR",
        "date" => "DATE",
        "boolean" => "BOOLEAN",
        _ => throw new NotSupportedException(sparkType),
    };

    private static string DuckLiteral(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        DateOnly d => "DATE '" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "::DOUBLE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException(value.GetType().Name),
    };

    private void Execute(string sql) => Duck.Execute(sql);

    /// <summary>The rows of <paramref name="sql"/> run by DuckDB.</summary>
    public List<object?[]> QueryDuck(string sql) => Duck.Query(sql);

    public void Dispose()
    {
        Duck.Dispose();
        Context.Dispose();
    }
}
