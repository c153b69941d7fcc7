// RDD basics and laziness: transformations only describe a computation; an action runs it as a job.
// Run from the repository's root: dotnet run apps/01-rdd-basics.cs
// (It checks its own results and exits with status 1 when one is wrong.)
#:project ../src/Core/Rdd.Core.csproj
using Rdd.Core;

var failures = 0;
void Check(bool ok, string what)
{
    Console.WriteLine($"  [{(ok ? "ok" : "FAIL")}] {what}");
    if (!ok) failures++;
}

// A context runs tasks on a bounded pool of worker threads in this process.
using var sc = new RddContext(new RddConfig { Parallelism = 2 });

Console.WriteLine("1. Parallelize cuts a local collection into slices (Spark's rule: slice i of n items in s slices holds [i*n/s, (i+1)*n/s)).");
var numbers = sc.Parallelize(Enumerable.Range(1, 10), numSlices: 3);
var slices = numbers.Glom().Collect();
Console.WriteLine("   " + string.Join(" | ", slices.Select(s => string.Join(",", s))));
Check(slices.Length == 3 && slices[0].Length == 3 && slices[1].Length == 3 && slices[2].Length == 4, "3 slices of 3, 3 and 4 items");

Console.WriteLine("2. Transformations are lazy: the functions run only when an action asks for a result.");
var calls = 0;   // tasks run in this process, so a closure can count its own calls (Interlocked: tasks run in parallel)
var squares = numbers.Map(x => { Interlocked.Increment(ref calls); return x * x; });
var evens = squares.Filter(x => x % 2 == 0);
Console.WriteLine($"   after Map and Filter: the map function ran {calls} times");
Check(calls == 0, "nothing ran before the action");
var sum = evens.Reduce((a, b) => a + b);
Console.WriteLine($"   Reduce (an action) gives {sum}; the map function ran {calls} times");
Check(sum == 4 + 16 + 36 + 64 + 100 && calls == 10, "sum of the even squares is 220, one call per item");
var count = evens.Count();
Check(count == 5 && calls == 20, "a second action runs the lineage again (nothing is cached): 10 more calls");

Console.WriteLine("3. A word count: FlatMap, Map to pairs, ReduceByKey (combined inside each partition, then shuffled).");
string[] text =
[
    "the quick brown fox jumps over the lazy dog",
    "the dog sleeps and the fox runs",
    "a lazy afternoon for the quick fox",
];
var lines = sc.Parallelize(text, numSlices: 2);
var counts = lines
    .FlatMap(line => line.Split(' '))
    .Map(word => (word, 1))
    .ReduceByKey((a, b) => a + b);
Console.WriteLine("   the lineage, with the stage boundary the shuffle makes (+-):");
Console.WriteLine(string.Join("\n", counts.ToDebugString().Split('\n').Select(l => "   " + l)));
var top = counts.Top(3, p => p.Item2);
foreach (var (word, n) in top) Console.WriteLine($"   {word,-8} {n}");
Check(top[0] == ("the", 5) && top[1] == ("fox", 3), "'the' 5 times, 'fox' 3 times");
Check(counts.ToDebugString().Contains("+-"), "the lineage shows the shuffle's stage boundary");

Console.WriteLine("4. LINQ query syntax builds the same kind of lazy lineage.");
var longWords = from w in lines.SelectMany(l => l.Split(' '))
                where w.Length > 4
                select w.ToUpperInvariant();
var distinct = longWords.Distinct().SortBy(w => w).Collect();
Console.WriteLine("   " + string.Join(", ", distinct));
Check(distinct.SequenceEqual(["AFTERNOON", "BROWN", "JUMPS", "QUICK", "SLEEPS"]), "the distinct long words, sorted");

Console.WriteLine("5. Pair operations: a join of two keyed Rdds.");
var ages = sc.Parallelize(new[] { ("ann", 31), ("bob", 27), ("cy", 45) });
var towns = sc.Parallelize(new[] { ("ann", "Oslo"), ("cy", "Lima"), ("dee", "Rome") });
var joined = ages.Join(towns).SortByKey().Collect();
foreach (var (name, (age, town)) in joined) Console.WriteLine($"   {name,-4} {age} {town}");
Check(joined.Length == 2 && joined[0] == ("ann", (31, "Oslo")) && joined[1] == ("cy", (45, "Lima")), "inner join keeps the keys on both sides");

Console.WriteLine(failures == 0 ? "all checks passed" : $"{failures} check(s) failed");
return failures == 0 ? 0 : 1;
