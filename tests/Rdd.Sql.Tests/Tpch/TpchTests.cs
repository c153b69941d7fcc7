using DuckDB.NET.Data;
using Rdd.Benchmarks.Data;
using Rdd.Benchmarks.Tpch;
using Rdd.Core;

namespace Rdd.Sql.Tests.Tpch;

/// <summary>
/// The TPC-H benchmark's generator at scale factor 0.01 (Q7 also checks that same-text conditions on two
/// columns, n1.n_name and n2.n_name, are not factored out of its OR; Q19 that the common join key is): its invariants from the specification (cardinalities, key
/// ranges, the date and price rules) checked by DuckDB over the Parquet copy, and queries answered alike by Rdd (over
/// the in-memory batches) and DuckDB.
/// </summary>
public sealed class TpchTests : IClassFixture<TpchTests.Data>
{
    public sealed class Data : IDisposable
    {
        public Data()
        {
            Tables = TpchGenerator.Generate(0.01);
            Context = new RddContext();
            Sql = new SqlContext(Context);
            Folder = Path.Combine(Path.GetTempPath(), "rdd-tpch-test-" + Guid.NewGuid().ToString("N"));
            TpchTables.WriteParquet(Sql, Tables, Folder);
            foreach (var table in Tables) TpchTables.ToDataFrame(Sql, table).CreateOrReplaceTempView(table.Name);
            Duck = new DuckDBConnection("Data Source=:memory:");
            Duck.Open();
            TpchTables.RegisterParquet(Duck, Folder);
        }

        internal IReadOnlyList<TpchGenerator.Table> Tables { get; }
        public RddContext Context { get; }
        public SqlContext Sql { get; }
        public string Folder { get; }
        public DuckDBConnection Duck { get; }

        public void Dispose()
        {
            Duck.Dispose();
            Context.Dispose();
            Directory.Delete(Folder, recursive: true);
        }
    }

    private readonly Data _data;

    public TpchTests(Data data) => _data = data;

    private object? Scalar(string query) => TpchTables.RunDuckDb(_data.Duck, query)[0][0];

    [Fact]
    public void CardinalitiesFollowTheScaleFactor()
    {
        var expected = new Dictionary<string, long>
        {
            ["region"] = 5, ["nation"] = 25, ["supplier"] = 100, ["customer"] = 1500, ["part"] = 2000, ["partsupp"] = 8000, ["orders"] = 15000,
        };
        foreach (var (name, rows) in expected)
        {
            Assert.Equal(rows, _data.Tables.Single(t => t.Name == name).Rows);
            Assert.Equal(rows, Convert.ToInt64(Scalar($"select count(*) from {name}")));
        }
        // 1 to 7 lines per order, 4 on average.
        long lines = Convert.ToInt64(Scalar("select count(*) from lineitem"));
        Assert.InRange(lines, 15000 * 3.8, 15000 * 4.2);
        Assert.Equal(0L, Convert.ToInt64(Scalar("select count(*) from (select l_orderkey, count(*) n, max(l_linenumber) m from lineitem group by l_orderkey) where n > 7 or n <> m")));
    }

    [Fact]
    public void KeysAreInRangeAndReferencesResolve()
    {
        // Order keys: the first 8 of every 32, unique.
        Assert.Equal(0L, Convert.ToInt64(Scalar("select count(*) from orders where (o_orderkey - 1) % 32 >= 8")));
        Assert.Equal(15000L, Convert.ToInt64(Scalar("select count(distinct o_orderkey) from orders")));
        // Customers with keys divisible by 3 place no orders; every order's customer exists.
        Assert.Equal(0L, Convert.ToInt64(Scalar("select count(*) from orders where o_custkey % 3 = 0 or o_custkey not between 1 and 1500")));
        Assert.Equal(0L, Convert.ToInt64(Scalar("select count(*) from lineitem where l_orderkey not in (select o_orderkey from orders)")));
        // Every line's (part, supplier) is one of partsupp's, whose pairs are unique.
        Assert.Equal(0L, Convert.ToInt64(Scalar("select count(*) from lineitem anti join partsupp on l_partkey = ps_partkey and l_suppkey = ps_suppkey")));
        Assert.Equal(8000L, Convert.ToInt64(Scalar("select count(distinct (ps_partkey, ps_suppkey)) from partsupp")));
        Assert.Equal(0L, Convert.ToInt64(Scalar("select count(*) from partsupp where ps_suppkey not between 1 and 100 or ps_availqty not between 1 and 9999 or ps_supplycost not between 1 and 1000")));
        Assert.Equal(0L, Convert.ToInt64(Scalar("select count(*) from supplier s join nation n on s_nationkey = n_nationkey where substring(s_phone, 1, 2) <> cast(n_nationkey + 10 as varchar)")));
        Assert.Equal(0L, Convert.ToInt64(Scalar("select count(*) from nation where n_regionkey not between 0 and 4")));
    }

    [Fact]
    public void DatesPricesAndFlagsFollowTheSpec()
    {
        Assert.Equal(0L, Convert.ToInt64(Scalar("select count(*) from orders where o_orderdate < date '1992-01-01' or o_orderdate > date '1998-12-31' - interval 151 day")));
        Assert.Equal(0L, Convert.ToInt64(Scalar(
            """
            select count(*) from lineitem join orders on l_orderkey = o_orderkey
            where l_shipdate - o_orderdate not between 1 and 121 or l_commitdate - o_orderdate not between 30 and 90
               or l_receiptdate - l_shipdate not between 1 and 30
               or l_returnflag <> case when l_receiptdate <= date '1995-06-17' then l_returnflag else 'N' end
               or (l_receiptdate <= date '1995-06-17' and l_returnflag not in ('R', 'A'))
               or l_linestatus <> case when l_shipdate > date '1995-06-17' then 'O' else 'F' end
            """)));
        Assert.Equal(0L, Convert.ToInt64(Scalar(
            """
            select count(*) from lineitem join part on l_partkey = p_partkey
            where p_retailprice <> (90000 + (p_partkey // 10) % 20001 + 100 * (p_partkey % 1000)) / 100.0
               or abs(l_extendedprice - l_quantity * p_retailprice) > 0.005
               or l_quantity not between 1 and 50 or l_discount not between 0 and 0.1 or l_tax not between 0 and 0.08
            """)));
        // o_totalprice and o_orderstatus are the lines' sum and summary.
        Assert.Equal(0L, Convert.ToInt64(Scalar(
            """
            select count(*) from orders join (
              select l_orderkey, sum(l_extendedprice * (1 + l_tax) * (1 - l_discount)) total,
                case when bool_and(l_linestatus = 'F') then 'F' when bool_and(l_linestatus = 'O') then 'O' else 'P' end status
              from lineitem group by l_orderkey) on o_orderkey = l_orderkey
            where abs(o_totalprice - total) > 0.01 or o_orderstatus <> status
            """)));
        // Every date rule's edge is reached somewhere (the data are not accidentally narrow).
        Assert.Equal(121L, Convert.ToInt64(Scalar("select max(l_shipdate - o_orderdate) from lineitem join orders on l_orderkey = o_orderkey")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(10)]
    [InlineData(13)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(7)]
    [InlineData(19)]
    [InlineData(21)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(11)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(22)]
    public void QueryMatchesDuckDb(int query)
    {
        var text = TpchQueries.Get(query);
        var expected = TpchTables.RunDuckDb(_data.Duck, text);
        Assert.NotEmpty(expected);
        var actual = TpchTables.RunRdd(_data.Sql, text);
        Assert.Null(TpchComparison.Difference(actual, expected));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void CommaJoinsArePlannedWithoutCrossProducts(int query)
    {
        var frame = _data.Sql.Sql(TpchQueries.Get(query));

        static IEnumerable<Rdd.Sql.Execution.Operators.PhysicalPlan> Nodes(Rdd.Sql.Execution.Operators.PhysicalPlan plan) => [plan, .. plan.Children.SelectMany(Nodes)];
        var nodes = Nodes(frame.Physical()).ToList();
        Assert.DoesNotContain(nodes, n => n is Rdd.Sql.Execution.Operators.NestedLoopJoinExec);
        // At this scale every dimension table is under the broadcast threshold: no join shuffles the fact table.
        Assert.Contains(nodes, n => n is Rdd.Sql.Execution.Operators.HashJoinExec { BroadcastRight: true });
    }

    [Fact]
    public void ComparisonCatchesADifferentValue()
    {
        List<object?[]> expected = [[1L, 2.0, "a"]];
        Assert.Null(TpchComparison.Difference([[1, 2.0 + 1e-12, "a"]], expected));
        Assert.NotNull(TpchComparison.Difference([[1L, 2.001, "a"]], expected));
        Assert.NotNull(TpchComparison.Difference([[1L, 2.0, "b"]], expected));
        Assert.NotNull(TpchComparison.Difference([], expected));
    }
}
