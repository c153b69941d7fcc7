// DataFrames and SQL: read CSV, join, aggregate, window functions, Explain, and write Arrow and Parquet files.
// Run from the repository's root: dotnet run apps/03-dataframes-and-sql.cs
// (It checks its own results and exits with status 1 when one is wrong.)
#:project ../src/Sql/Rdd.Sql.csproj
using Rdd.Core;
using Rdd.Sql;
using static Rdd.Sql.Functions;

var failures = 0;
void Check(bool ok, string what)
{
    Console.WriteLine($"  [{(ok ? "ok" : "FAIL")}] {what}");
    if (!ok) failures++;
}

var folder = Path.Combine(Path.GetTempPath(), "rdd-app-03-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    File.WriteAllLines(Path.Combine(folder, "sales.csv"),
    [
        "id,region,product,units,price,day",
        "1,north,apples,10,1.5,2024-03-01",
        "2,north,pears,4,2.0,2024-03-01",
        "3,south,apples,7,1.5,2024-03-02",
        "4,south,plums,12,0.75,2024-03-02",
        "5,east,pears,3,2.0,2024-03-03",
        "6,north,plums,6,0.75,2024-03-03",
        "7,west,apples,5,1.5,2024-03-04",
    ]);
    File.WriteAllLines(Path.Combine(folder, "regions.csv"),
    [
        "region,manager",
        "north,Ann",
        "south,Bob",
        "east,Cy",
    ]);

    using var sc = new RddContext(new RddConfig { Parallelism = 2 });
    var sql = new SqlContext(sc);

    Console.WriteLine("1. Read.Csv infers the schema from the header and the values.");
    var sales = sql.Read.Csv(Path.Combine(folder, "sales.csv"));
    var regions = sql.Read.Csv(Path.Combine(folder, "regions.csv"));
    Console.Write(sales.Schema.TreeString());
    Check(string.Join(",", sales.Schema.Fields.Select(f => f.DataType.SimpleString)) == "int,string,string,int,double,date",
        "id int, region and product string, units int, price double, day date");

    Console.WriteLine("2. Revenue per region with its manager: a join, a filter and an aggregate, ordered.");
    var revenue = sales
        .WithColumn("revenue", Col("units") * Col("price"))
        .Where(Col("units") > 3)
        .Join(regions, "region", "left")
        .GroupBy("region", "manager")
        .Agg(Sum("revenue").As("revenue"), Count(Lit(1)).As("sales"))
        .OrderBy(Col("revenue").Desc());
    revenue.Show();
    var rows = revenue.Collect();
    Check(rows.Length == 3, "three regions sold more than 3 units at least once (east did not)");
    Check((string?)rows[0]["region"] == "north" && (double?)rows[0]["revenue"] == 27.5 && (long?)rows[0]["sales"] == 3,
        "north first: 15 + 8 + 4.5 = 27.5 from 3 sales");
    Check(rows.Any(r => (string?)r["region"] == "west" && r["manager"] is null), "a left join keeps west, which has no manager (NULL)");

    Console.WriteLine("3. The same question in SQL text, over temp views: the same rows.");
    sales.CreateOrReplaceTempView("sales");
    regions.CreateOrReplaceTempView("regions");
    var fromSql = sql.Sql("""
        SELECT s.region, r.manager, sum(s.units * s.price) AS revenue, count(*) AS sales
        FROM sales s LEFT JOIN regions r ON s.region = r.region
        WHERE s.units > 3
        GROUP BY s.region, r.manager
        ORDER BY revenue DESC
        """);
    fromSql.Show();
    Check(fromSql.Collect().Select(r => string.Join("|", r.Values)).SequenceEqual(rows.Select(r => string.Join("|", r.Values))),
        "SQL text and the DataFrame API give the same rows");

    Console.WriteLine("4. Window functions: the best-selling product of each region, and a running total per day.");
    var byUnits = Window.PartitionBy("region").OrderBy(Col("units").Desc());
    var best = sales.WithColumn("rank", RowNumber().Over(byUnits)).Where(Col("rank") <= 1)
        .Select("region", "product", "units").OrderBy("region");
    best.Show();
    Check(best.Collect().Select(r => $"{r[0]}:{r[1]}").SequenceEqual(["east:pears", "north:apples", "south:plums", "west:apples"]),
        "one best product per region");
    var running = sql.Sql("""
        SELECT day, units, sum(units) OVER (ORDER BY day) AS running
        FROM (SELECT day, sum(units) AS units FROM sales GROUP BY day) ORDER BY day
        """);
    running.Show();
    Check(running.Collect().Select(r => Convert.ToInt64(r["running"])).SequenceEqual([14L, 33L, 42L, 47L]), "running totals 14, 33, 42, 47");

    Console.WriteLine("5. Explain prints the plans; the optimizer turned the filter on row_number() into a window group limit.");
    best.Explain(extended: true);
    Check(best.ExplainString(extended: true).Contains("WindowGroupLimit"), "the optimized plan has a WindowGroupLimit");

    Console.WriteLine("6. Write the result as Arrow and Parquet files (a folder of part files and _SUCCESS, as Spark) and read them back.");
    var arrowPath = Path.Combine(folder, "revenue.arrow");
    var parquetPath = Path.Combine(folder, "revenue.parquet");
    revenue.Write.Mode("overwrite").Arrow(arrowPath);
    revenue.Write.Mode("overwrite").Parquet(parquetPath);
    foreach (var (name, frame) in new[] { ("Arrow", sql.Read.Arrow(arrowPath)), ("Parquet", sql.Read.Parquet(parquetPath)) })
    {
        var back = frame.OrderBy(Col("revenue").Desc()).Collect();
        Console.WriteLine($"   {name}: {string.Join(", ", frame.Schema.Fields.Select(f => $"{f.Name} {f.DataType.SimpleString}"))}; {back.Length} rows");
        Check(File.Exists(Path.Combine(name == "Arrow" ? arrowPath : parquetPath, "_SUCCESS")), $"{name}: the output was committed (_SUCCESS)");
        Check(back.Select(r => string.Join("|", r.Values)).SequenceEqual(rows.Select(r => string.Join("|", r.Values))),
            $"{name}: the rows read back equal the rows written");
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

Console.WriteLine(failures == 0 ? "all checks passed" : $"{failures} check(s) failed");
return failures == 0 ? 0 : 1;
