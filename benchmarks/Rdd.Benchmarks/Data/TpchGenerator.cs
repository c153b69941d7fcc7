using System.Text;
using Apache.Arrow;
using Rdd.Sql;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Benchmarks.Data;

/// <summary>
/// A seeded TPC-H data generator after the specification's clause 4.2 (what dbgen does): the eight tables with
/// their cardinalities per scale factor, dbgen's keys (sparse order keys, customers whose key is a multiple of 3 place
/// no order, the partsupp supplier formula), dates (o_orderdate in 1992-01-01 … 1998-12-31 − 151 days, l_shipdate =
/// o_orderdate + 1…121, l_commitdate = o_orderdate + 30…90, l_receiptdate = l_shipdate + 1…30, return flag and line
/// status from 1995-06-17), p_retailprice from the part key formula, l_extendedprice = quantity × retail price,
/// o_totalprice and o_orderstatus from the order's lines, and the spec's word lists for names, types, containers,
/// segments, priorities, ship modes and instructions. Simplified: comments are 3–8 words drawn from a seeded word
/// list (holding the words queries look for: special, requests, Customer, Complaints, …) rather than dbgen's grammar,
/// addresses are random letters, and money columns are doubles, not decimal(15,2). Columns are written straight
/// into Arrow buffers, a batch of at most <see cref="BatchRows"/> rows at a time; no per-row objects.
/// </summary>
internal static class TpchGenerator
{
    public const int BatchRows = 1 << 17;

    public static readonly string[] TableNames = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"];

    /// <summary>Days since 1970-01-01 of the spec's STARTDATE, CURRENTDATE and ENDDATE.</summary>
    public static readonly int StartDate = Day(1992, 1, 1), CurrentDate = Day(1995, 6, 17), EndDate = Day(1998, 12, 31);

    private static readonly string[] Regions = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"];

    private static readonly (string Name, int Region)[] Nations =
    [
        ("ALGERIA", 0), ("ARGENTINA", 1), ("BRAZIL", 1), ("CANADA", 1), ("EGYPT", 4), ("ETHIOPIA", 0), ("FRANCE", 3),
        ("GERMANY", 3), ("INDIA", 2), ("INDONESIA", 2), ("IRAN", 4), ("IRAQ", 4), ("JAPAN", 2), ("JORDAN", 4),
        ("KENYA", 0), ("MOROCCO", 0), ("MOZAMBIQUE", 0), ("PERU", 1), ("CHINA", 2), ("ROMANIA", 3),
        ("SAUDI ARABIA", 4), ("VIETNAM", 2), ("RUSSIA", 3), ("UNITED KINGDOM", 3), ("UNITED STATES", 1),
    ];

    private static readonly byte[][] Colors = Utf8(
        "almond antique aquamarine azure beige bisque black blanched blue blush brown burlywood burnished chartreuse "
        + "chiffon chocolate coral cornflower cornsilk cream cyan dark deep dim dodger drab firebrick floral forest "
        + "frosted gainsboro ghost goldenrod green grey honeydew hot indian ivory khaki lace lavender lawn lemon light "
        + "lime linen magenta maroon medium metallic midnight mint misty moccasin navajo navy olive orange orchid pale "
        + "papaya peach peru pink plum powder puff purple red rose rosy royal saddle salmon sandy seashell sienna sky "
        + "slate smoke snow spring steel tan thistle tomato turquoise violet wheat white yellow");

    private static readonly byte[][] TypeSyllable1 = Utf8("STANDARD SMALL MEDIUM LARGE ECONOMY PROMO");
    private static readonly byte[][] TypeSyllable2 = Utf8("ANODIZED BURNISHED PLATED POLISHED BRUSHED");
    private static readonly byte[][] TypeSyllable3 = Utf8("TIN NICKEL BRASS STEEL COPPER");
    private static readonly byte[][] ContainerSyllable1 = Utf8("SM LG MED JUMBO WRAP");
    private static readonly byte[][] ContainerSyllable2 = Utf8("CASE BOX BAG JAR PKG PACK CAN DRUM");
    private static readonly byte[][] Segments = Utf8("AUTOMOBILE BUILDING FURNITURE MACHINERY HOUSEHOLD");
    private static readonly byte[][] Priorities = [.. new[] { "1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] Instructions = [.. new[] { "DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] ShipModes = [.. new[] { "REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB" }.Select(Encoding.UTF8.GetBytes)];

    /// <summary>The comment vocabulary (a simplification of dbgen's text grammar).</summary>
    private static readonly byte[][] Words = Utf8(
        "furiously carefully quickly slyly blithely fluffily ironic final regular special pending express bold even "
        + "silent unusual idle ruthless requests deposits packages accounts instructions theodolites foxes pinto beans "
        + "dependencies asymptotes platelets excuses ideas dolphins sleep wake haggle nag cajole boost detect integrate "
        + "among above along across against about after");

    private static readonly byte[] Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,"u8.ToArray();

    /// <summary>One generated table: its SQL schema and its batches.</summary>
    public sealed record Table(string Name, StructType Schema, IReadOnlyList<RecordBatch> Batches)
    {
        public long Rows => Batches.Sum(b => (long)b.Length);
    }

    public static long Suppliers(double sf) => Math.Max(1, (long)(sf * 10_000));
    public static long Customers(double sf) => Math.Max(1, (long)(sf * 150_000));
    public static long Parts(double sf) => Math.Max(1, (long)(sf * 200_000));
    public static long OrderCount(double sf) => Math.Max(1, (long)(sf * 1_500_000));

    /// <summary>The <paramref name="i"/>-th (0-based) order key: dbgen uses the first 8 keys of every 32.</summary>
    public static long OrderKey(long i) => i / 8 * 32 + i % 8 + 1;

    /// <summary>The spec's P_RETAILPRICE formula, in dollars.</summary>
    public static double RetailPrice(long partKey) => (90000 + partKey / 10 % 20001 + 100 * (partKey % 1000)) / 100.0;

    /// <summary>The <paramref name="i"/>-th (0…3) supplier of a part (spec 4.2.3, PS_SUPPKEY).</summary>
    public static long PartSupplier(long partKey, int i, long suppliers) =>
        (partKey + i * (suppliers / 4 + (partKey - 1) / suppliers)) % suppliers + 1;

    public static IReadOnlyList<Table> Generate(double sf, ulong seed = 19920101)
    {
        if (!(sf > 0)) throw new ArgumentOutOfRangeException(nameof(sf), sf, "The scale factor must be positive.");
        var (orders, lineitem) = OrdersAndLineitem(sf, seed);
        return [Region(), Nation(), Supplier(sf, seed), Customer(sf, seed), Part(sf, seed), PartSupp(sf, seed), orders, lineitem];
    }

    private static Table Region()
    {
        var c = new Columns("r_regionkey int, r_name string, r_comment string", Regions.Length);
        var rng = new SplitMix64(5);
        for (int i = 0; i < Regions.Length; i++)
        {
            c.Int(0)[i] = i;
            c.Str(1).Append(Regions[i]);
            c.Comment(2, ref rng);
        }
        return new Table("region", c.Schema, [c.Build()]);
    }

    private static Table Nation()
    {
        var c = new Columns("n_nationkey int, n_name string, n_regionkey int, n_comment string", Nations.Length);
        var rng = new SplitMix64(25);
        for (int i = 0; i < Nations.Length; i++)
        {
            c.Int(0)[i] = i;
            c.Str(1).Append(Nations[i].Name);
            c.Int(2)[i] = Nations[i].Region;
            c.Comment(3, ref rng);
        }
        return new Table("nation", c.Schema, [c.Build()]);
    }

    private static Table Supplier(double sf, ulong seed)
    {
        long count = Suppliers(sf);
        var batches = Chunks(count, seed, 3, (start, length, rng) =>
        {
            var c = new Columns("s_suppkey bigint, s_name string, s_address string, s_nationkey int, s_phone string, s_acctbal double, s_comment string", length);
            Span<byte> buffer = stackalloc byte[64];
            for (int i = 0; i < length; i++)
            {
                long key = start + i + 1;
                int nation = rng.NextInt(25);
                c.Long(0)[i] = key;
                c.Str(1).Append(Numbered(buffer, "Supplier#", key));
                c.Address(2, ref rng);
                c.Int(3)[i] = nation;
                c.Phone(4, nation, ref rng);
                c.Double(5)[i] = Money(ref rng, -99_999, 999_999);
                // dbgen puts "Customer ... Complaints" in 5 and "Customer ... Recommends" in 5 of every 10,000 suppliers (Q16).
                int special = rng.NextInt(10_000);
                if (special < 10) c.Str(6).Append(special < 5 ? "carefully Customer slyly Complaints regular"u8 : "quickly Customer final Recommends even"u8);
                else c.Comment(6, ref rng);
            }
            return c.Build();
        });
        return new Table("supplier", Schema(batches, "s_suppkey bigint, s_name string, s_address string, s_nationkey int, s_phone string, s_acctbal double, s_comment string"), batches);
    }

    private static Table Customer(double sf, ulong seed)
    {
        const string schema = "c_custkey bigint, c_name string, c_address string, c_nationkey int, c_phone string, c_acctbal double, c_mktsegment string, c_comment string";
        var batches = Chunks(Customers(sf), seed, 4, (start, length, rng) =>
        {
            var c = new Columns(schema, length);
            Span<byte> buffer = stackalloc byte[64];
            for (int i = 0; i < length; i++)
            {
                long key = start + i + 1;
                int nation = rng.NextInt(25);
                c.Long(0)[i] = key;
                c.Str(1).Append(Numbered(buffer, "Customer#", key));
                c.Address(2, ref rng);
                c.Int(3)[i] = nation;
                c.Phone(4, nation, ref rng);
                c.Double(5)[i] = Money(ref rng, -99_999, 999_999);
                c.Str(6).Append(Segments[rng.NextInt(Segments.Length)]);
                c.Comment(7, ref rng);
            }
            return c.Build();
        });
        return new Table("customer", Schema(batches, schema), batches);
    }

    private static Table Part(double sf, ulong seed)
    {
        const string schema = "p_partkey bigint, p_name string, p_mfgr string, p_brand string, p_type string, p_size int, p_container string, p_retailprice double, p_comment string";
        var batches = Chunks(Parts(sf), seed, 5, (start, length, rng) =>
        {
            var c = new Columns(schema, length);
            Span<byte> buffer = stackalloc byte[128];
            Span<int> picked = stackalloc int[5];
            for (int i = 0; i < length; i++)
            {
                long key = start + i + 1;
                c.Long(0)[i] = key;
                // P_NAME: five distinct colors.
                int n = 0;
                for (int w = 0; w < 5; w++)
                {
                    int color;
                    do color = rng.NextInt(Colors.Length); while (picked[..w].Contains(color));
                    picked[w] = color;
                    if (w > 0) buffer[n++] = (byte)' ';
                    Colors[color].CopyTo(buffer[n..]);
                    n += Colors[color].Length;
                }
                c.Str(1).Append(buffer[..n]);
                int m = rng.NextInt(5) + 1;
                c.Str(2).Append(Concat(buffer, "Manufacturer#"u8, (byte)('0' + m)));
                c.Str(3).Append(Concat(buffer, "Brand#"u8, (byte)('0' + m), (byte)('0' + rng.NextInt(5) + 1)));
                c.Str(4).Append(Join(buffer, TypeSyllable1[rng.NextInt(6)], TypeSyllable2[rng.NextInt(5)], TypeSyllable3[rng.NextInt(5)]));
                c.Int(5)[i] = rng.NextInt(50) + 1;
                c.Str(6).Append(Join(buffer, ContainerSyllable1[rng.NextInt(5)], ContainerSyllable2[rng.NextInt(8)]));
                c.Double(7)[i] = RetailPrice(key);
                c.Comment(8, ref rng);
            }
            return c.Build();
        });
        return new Table("part", Schema(batches, schema), batches);
    }

    private static Table PartSupp(double sf, ulong seed)
    {
        const string schema = "ps_partkey bigint, ps_suppkey bigint, ps_availqty int, ps_supplycost double, ps_comment string";
        long suppliers = Suppliers(sf);
        var batches = Chunks(Parts(sf), seed, 6, (start, length, rng) =>
        {
            var c = new Columns(schema, length * 4);
            for (int i = 0; i < length; i++)
            {
                long part = start + i + 1;
                for (int s = 0; s < 4; s++)
                {
                    int row = i * 4 + s;
                    c.Long(0)[row] = part;
                    c.Long(1)[row] = PartSupplier(part, s, suppliers);
                    c.Int(2)[row] = rng.NextInt(9999) + 1;
                    c.Double(3)[row] = Money(ref rng, 100, 100_000);
                    c.Comment(4, ref rng);
                }
            }
            return c.Build();
        });
        return new Table("partsupp", Schema(batches, schema), batches);
    }

    private static (Table Orders, Table Lineitem) OrdersAndLineitem(double sf, ulong seed)
    {
        const string orderSchema = "o_orderkey bigint, o_custkey bigint, o_orderstatus string, o_totalprice double, o_orderdate date, o_orderpriority string, o_clerk string, o_shippriority int, o_comment string";
        const string lineSchema = "l_orderkey bigint, l_partkey bigint, l_suppkey bigint, l_linenumber int, l_quantity double, l_extendedprice double, l_discount double, l_tax double, "
            + "l_returnflag string, l_linestatus string, l_shipdate date, l_commitdate date, l_receiptdate date, l_shipinstruct string, l_shipmode string, l_comment string";
        long customers = Customers(sf), parts = Parts(sf), suppliers = Suppliers(sf);
        int clerks = (int)Math.Max(1, sf * 1000);
        int lastOrderDate = EndDate - 151;
        var pairs = Chunks(OrderCount(sf), seed, 7, (start, length, rng) =>
        {
            var o = new Columns(orderSchema, length);
            var l = new Columns(lineSchema, length * 4);
            Span<byte> buffer = stackalloc byte[64];
            int line = 0;
            for (int i = 0; i < length; i++)
            {
                long key = OrderKey(start + i);
                // dbgen: customers whose key is a multiple of 3 place no order.
                long customer;
                do customer = (long)(rng.Next() % (ulong)customers) + 1; while (customer % 3 == 0 && customers > 2);
                int orderDate = StartDate + rng.NextInt(lastOrderDate - StartDate + 1);
                int lines = rng.NextInt(7) + 1;
                double total = 0;
                int shippedLines = 0;
                l.EnsureRows(line + lines);
                for (int n = 1; n <= lines; n++, line++)
                {
                    long part = (long)(rng.Next() % (ulong)parts) + 1;
                    double quantity = rng.NextInt(50) + 1;
                    double price = Math.Round(quantity * RetailPrice(part), 2);
                    double discount = rng.NextInt(11) / 100.0, tax = rng.NextInt(9) / 100.0;
                    int shipDate = orderDate + rng.NextInt(121) + 1;
                    int commitDate = orderDate + rng.NextInt(61) + 30;
                    int receiptDate = shipDate + rng.NextInt(30) + 1;
                    l.Long(0)[line] = key;
                    l.Long(1)[line] = part;
                    l.Long(2)[line] = PartSupplier(part, rng.NextInt(4), suppliers);
                    l.Int(3)[line] = n;
                    l.Double(4)[line] = quantity;
                    l.Double(5)[line] = price;
                    l.Double(6)[line] = discount;
                    l.Double(7)[line] = tax;
                    l.Str(8).Append(receiptDate <= CurrentDate ? (rng.NextInt(2) == 0 ? "R"u8 : "A"u8) : "N"u8);
                    bool shipped = shipDate <= CurrentDate;
                    shippedLines += shipped ? 1 : 0;
                    l.Str(9).Append(shipped ? "F"u8 : "O"u8);
                    l.Int(10)[line] = shipDate;
                    l.Int(11)[line] = commitDate;
                    l.Int(12)[line] = receiptDate;
                    l.Str(13).Append(Instructions[rng.NextInt(Instructions.Length)]);
                    l.Str(14).Append(ShipModes[rng.NextInt(ShipModes.Length)]);
                    l.Comment(15, ref rng);
                    total += price * (1 + tax) * (1 - discount);
                }
                o.Long(0)[i] = key;
                o.Long(1)[i] = customer;
                o.Str(2).Append(shippedLines == lines ? "F"u8 : shippedLines == 0 ? "O"u8 : "P"u8);
                o.Double(3)[i] = Math.Round(total, 2);
                o.Int(4)[i] = orderDate;
                o.Str(5).Append(Priorities[rng.NextInt(Priorities.Length)]);
                o.Str(6).Append(Numbered(buffer, "Clerk#", rng.NextInt(clerks) + 1));
                o.Int(7)[i] = 0;
                o.Comment(8, ref rng);
            }
            return (o.Build(), l.Build(line));
        });
        var orders = pairs.Select(p => p.Item1).ToList();
        var lineitem = pairs.Select(p => p.Item2).ToList();
        return (new Table("orders", Schema(orders, orderSchema), orders), new Table("lineitem", Schema(lineitem, lineSchema), lineitem));
    }

    /// <summary>Runs <paramref name="make"/> over batches of up to <see cref="BatchRows"/> rows in parallel, each with its own seeded stream, so the data do not depend on scheduling.</summary>
    private static List<T> Chunks<T>(long rows, ulong seed, int table, Func<long, int, SplitMix64, T> make)
    {
        int chunks = (int)((rows + BatchRows - 1) / BatchRows);
        var results = new T[chunks];
        Parallel.For(0, chunks, k =>
        {
            long start = (long)k * BatchRows;
            int length = (int)Math.Min(BatchRows, rows - start);
            results[k] = make(start, length, new SplitMix64(SplitMix64.Derive(seed, table * 1_000_000L + k)));
        });
        return [.. results];
    }

    private static StructType Schema<T>(List<T> _, string ddl) => Columns.Parse(ddl);

    private static double Money(ref SplitMix64 rng, int minCents, int maxCents) => (minCents + rng.NextInt(maxCents - minCents + 1)) / 100.0;

    private static ReadOnlySpan<byte> Numbered(Span<byte> buffer, string prefix, long number)
    {
        int n = Encoding.ASCII.GetBytes(prefix, buffer);
        number.TryFormat(buffer[n..], out int written, "D9", System.Globalization.CultureInfo.InvariantCulture);
        return buffer[..(n + written)];
    }

    private static ReadOnlySpan<byte> Concat(Span<byte> buffer, ReadOnlySpan<byte> prefix, params ReadOnlySpan<byte> tail)
    {
        prefix.CopyTo(buffer);
        tail.CopyTo(buffer[prefix.Length..]);
        return buffer[..(prefix.Length + tail.Length)];
    }

    private static ReadOnlySpan<byte> Join(Span<byte> buffer, params ReadOnlySpan<byte[]> words)
    {
        int n = 0;
        foreach (var word in words)
        {
            if (n > 0) buffer[n++] = (byte)' ';
            word.CopyTo(buffer[n..]);
            n += word.Length;
        }
        return buffer[..n];
    }

    private static byte[][] Utf8(string words) => [.. words.Split(' ').Select(Encoding.UTF8.GetBytes)];

    private static int Day(int year, int month, int day) => new DateOnly(year, month, day).DayNumber - new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>The column buffers of one batch: fixed-width values in plain arrays, strings in pooled builders.</summary>
    private sealed class Columns
    {
        private readonly DataType[] _types;
        private readonly Memory<byte>[] _fixed;
        private readonly StringArrayBuilder?[] _strings;
        private int _capacity;

        public Columns(string ddl, int rows)
        {
            Schema = Parse(ddl);
            _types = [.. Schema.Fields.Select(f => f.DataType)];
            _fixed = new Memory<byte>[_types.Length];
            _strings = new StringArrayBuilder?[_types.Length];
            _capacity = rows;
            for (int c = 0; c < _types.Length; c++)
            {
                if (_types[c] == DataTypes.String) _strings[c] = new StringArrayBuilder(rows);
                else _fixed[c] = new byte[rows * Width(_types[c])];
            }
        }

        public StructType Schema { get; }

        public static StructType Parse(string ddl) => new([.. ddl.Split(',').Select(part =>
        {
            var pieces = part.Trim().Split(' ');
            DataType type = pieces[1] switch
            {
                "int" => DataTypes.Integer,
                "bigint" => DataTypes.Long,
                "double" => DataTypes.Double,
                "date" => DataTypes.Date,
                _ => DataTypes.String,
            };
            return new StructField(pieces[0], type, false);
        })]);

        private static int Width(DataType type) => type == DataTypes.Long || type == DataTypes.Double ? 8 : 4;

        /// <summary>Grows the fixed-width buffers (lineitem's row count per batch is only known as it is generated).</summary>
        public void EnsureRows(int rows)
        {
            if (rows <= _capacity) return;
            int capacity = Math.Max(rows, _capacity * 2);
            for (int c = 0; c < _types.Length; c++)
                if (_strings[c] is null)
                {
                    var grown = new byte[capacity * Width(_types[c])];
                    _fixed[c].CopyTo(grown);
                    _fixed[c] = grown;
                }
            _capacity = capacity;
        }

        public Span<int> Int(int c) => KernelArrays.AsSpan<int>(_fixed[c]);
        public Span<long> Long(int c) => KernelArrays.AsSpan<long>(_fixed[c]);
        public Span<double> Double(int c) => KernelArrays.AsSpan<double>(_fixed[c]);
        public StringArrayBuilder Str(int c) => _strings[c]!;

        public void Comment(int c, ref SplitMix64 rng)
        {
            Span<byte> buffer = stackalloc byte[128];
            int words = rng.NextInt(6) + 3, n = 0;
            for (int w = 0; w < words; w++)
            {
                var word = Words[rng.NextInt(Words.Length)];
                if (w > 0) buffer[n++] = (byte)' ';
                word.CopyTo(buffer[n..]);
                n += word.Length;
            }
            Str(c).Append(buffer[..n]);
        }

        public void Address(int c, ref SplitMix64 rng)
        {
            Span<byte> buffer = stackalloc byte[40];
            int length = rng.NextInt(31) + 10;
            for (int i = 0; i < length; i++) buffer[i] = Letters[rng.NextInt(Letters.Length)];
            Str(c).Append(buffer[..length]);
        }

        /// <summary>The spec's phone number: country code (nation key + 10), then 3, 3 and 4 random digits.</summary>
        public void Phone(int c, int nation, ref SplitMix64 rng)
        {
            Span<byte> b = stackalloc byte[15];
            int code = nation + 10;
            b[0] = (byte)('0' + code / 10);
            b[1] = (byte)('0' + code % 10);
            b[2] = b[6] = b[10] = (byte)'-';
            foreach (int i in (ReadOnlySpan<int>)[3, 4, 5, 7, 8, 9, 11, 12, 13, 14]) b[i] = (byte)('0' + rng.NextInt(10));
            Str(c).Append(b);
        }

        public RecordBatch Build() => Build(_capacity);

        public RecordBatch Build(int rows)
        {
            var arrow = ArrowTypeMapping.ToArrowSchema(Schema);
            var arrays = new ArrowArray[_types.Length];
            for (int c = 0; c < _types.Length; c++)
                arrays[c] = _strings[c] is { } s ? s.Build() : KernelArrays.Fixed(_types[c], _fixed[c][..(rows * Width(_types[c]))], null, rows);
            return new RecordBatch(arrow, arrays, rows);
        }
    }
}
