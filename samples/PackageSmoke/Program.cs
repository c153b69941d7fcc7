// Rdd used from outside its repository, through its NuGet packages only: a word count (Rdd.Core), a DataFrame
// query and the same query in SQL (Rdd.Sql), and a small logistic regression (Rdd.MlLib). Each result is checked;
// a wrong one prints why and exits with status 1, so CI fails.
using Rdd.Core;
using Rdd.MlLib;
using Rdd.Sql;
using static Rdd.Sql.Functions;

var failures = new List<string>();
void Check(bool ok, string what)
{
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
    if (!ok) failures.Add(what);
}

using var sc = new RddContext(new RddConfig { Parallelism = 2 });

// Rdd.Core: a word count over two slices, combined before the shuffle.
string[] text = ["the quick brown fox", "jumps over the lazy dog", "the dog sleeps"];
var counts = sc.Parallelize(text, numSlices: 2)
    .FlatMap(line => line.Split(' '))
    .Map(word => (word, 1))
    .ReduceByKey((a, b) => a + b);
var top = counts.Top(2, p => p.Item2);
Console.WriteLine($"word count: {string.Join(", ", top)}");
Check(top[0] == ("the", 3) && top[1] == ("dog", 2), "word count: 'the' 3 times, 'dog' twice");
Check(counts.Count() == 9, "word count: 9 distinct words");

// Rdd.Sql: the same aggregate through the DataFrame API and through SQL text.
var sql = new SqlContext(sc);
var sales = sql.CreateDataFrame(new[]
{
    new Sale("north", 10, 1.5), new Sale("north", 4, 2.0), new Sale("south", 7, 1.5),
    new Sale("south", 2, 9.0), new Sale("east", 3, 2.0),
});
var revenue = sales.Where(Col("Units") > 3)
    .GroupBy("Region").Agg(Sum(Col("Units") * Col("Price")).As("revenue"))
    .OrderBy(Col("revenue").Desc());
revenue.Show();
var rows = revenue.Collect();
Check(rows.Length == 2 && (string?)rows[0]["Region"] == "north" && (double?)rows[0]["revenue"] == 23.0
      && (string?)rows[1]["Region"] == "south" && (double?)rows[1]["revenue"] == 10.5,
    "DataFrame: revenue north 23, south 10.5");
sales.CreateOrReplaceTempView("sales");
var fromSql = sql.Sql("SELECT Region, sum(Units * Price) AS revenue FROM sales WHERE Units > 3 GROUP BY Region ORDER BY revenue DESC")
    .Collect();
Check(fromSql.Select(r => $"{r[0]}={r[1]}").SequenceEqual(rows.Select(r => $"{r[0]}={r[1]}")), "SQL text gives the DataFrame's rows");

// Rdd.MlLib: a logistic regression that must separate two well-apart groups of points.
var random = new Random(11);
var points = Enumerable.Range(0, 200).Select(i =>
{
    double label = i % 2;
    return new Point(label, label * 3 + random.NextDouble() - 0.5, random.NextDouble());
}).ToArray();
var data = new VectorAssembler { InputCols = ["X", "Y"], OutputCol = "features" }
    .Transform(sql.CreateDataFrame(points).WithColumnRenamed("Label", "label"));
var model = new LogisticRegression { RegParam = 0.01 }.Fit(data);
var auc = new BinaryClassificationEvaluator().Evaluate(model.Transform(data));
Console.WriteLine($"logistic regression: coefficients {model.Coefficients}, intercept {model.Intercept:F3}, AUC {auc:F4}");
Check(model.Coefficients[0] > 0 && auc > 0.99, "logistic regression: positive weight on X, AUC above 0.99");

if (failures.Count > 0)
{
    Console.Error.WriteLine($"{failures.Count} check(s) failed: {string.Join("; ", failures)}");
    return 1;
}
Console.WriteLine("all checks passed");
return 0;

record Sale(string Region, int Units, double Price);
record Point(double Label, double X, double Y);
