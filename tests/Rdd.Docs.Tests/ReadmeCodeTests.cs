namespace Rdd.Docs.Tests;

/// <summary>
/// Every C# block of the READMEs compiles against the current Rdd.Core, Rdd.Sql and Rdd.MlLib, and the self-contained
/// ones run without an exception, so an example cannot drift from the API unnoticed. See <see cref="CodeBlock"/> for
/// the fence flags (<c>continued</c>, <c>no-run</c>, <c>fragment</c>).
/// </summary>
public sealed class ReadmeCodeTests
{
    private static readonly string[] s_markdownFiles = ["README.md", "benchmarks/README.md"];

    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var block in AllBlocks().Where(b => !b.IsFragment))
        {
            data.Add(block.ToString());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void CompilesAndRuns(string where)
    {
        var program = new CodeBlockProgram(ProgramOf(AllBlocks(), where));
        var block = program.Blocks[^1];
        var image = program.Compile(out var diagnostics);
        Assert.True(image is not null,
            $"The ```csharp block at {block} does not compile{(program.Blocks.Count > 1 ? $" (with the blocks it continues, from {program.Blocks[0]})" : "")}:\n"
            + string.Join("\n", diagnostics));
        if (program.Blocks.All(b => b.Runs))
        {
            var folder = Directory.CreateTempSubdirectory("rdd-readme-block-").FullName;
            try
            {
                CodeBlockProgram.Run(image!, folder);
            }
            catch (Exception e)
            {
                Assert.Fail($"The ```csharp block at {block} compiles but fails when run (in an empty folder): {e}");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void TheMainReadmeHasRunnableExamplesAndFewFragments()
    {
        var readme = AllBlocks().Where(b => b.File == "README.md").ToList();
        var runnable = readme.Where(b => !b.IsFragment && ProgramOf(readme, b.ToString()).All(p => p.Runs)).ToList();
        Assert.True(runnable.Count >= 3, $"expected at least 3 README blocks that compile and run; found {runnable.Count}");
        Assert.True(readme.Count(b => b.IsFragment) <= 2, "README.md: keep fragments (```csharp fragment) to a few; make examples compile");
    }

    [Fact]
    public void AnErrorNamesTheMarkdownLineAndTheDiagnostic()
    {
        var markdown = "# Title\n\n```csharp\nusing Rdd.Core;\n\nusing var sc = new RddContext();\nvar n = sc.Parallelize(new[] { 1, 2 }).Cout();\n```\n";
        var block = Assert.Single(MarkdownCodeBlocks.Parse(markdown, "DOC.md"));
        Assert.Equal(4, block.Line);
        Assert.Null(new CodeBlockProgram([block]).Compile(out var diagnostics));
        var error = Assert.Single(diagnostics);
        Assert.StartsWith("DOC.md(7,", error);
        Assert.Contains("CS1061", error);
        Assert.Contains("Cout", error);
    }

    [Fact]
    public void AContinuedBlockSeesTheVariablesAndUsingsOfTheBlockBefore()
    {
        var markdown = "```csharp\nusing Rdd.Core;\nusing var sc = new RddContext();\n```\ntext\n```csharp continued\nusing Rdd.Sql;\n"
                     + "var sql = new SqlContext(sc);\nif (sql.Range(5).Count() != 5) throw new Exception(\"wrong count\");\n```\n";
        var blocks = MarkdownCodeBlocks.Parse(markdown, "DOC.md");
        var program = new CodeBlockProgram(ProgramOf(blocks, "DOC.md:7"));
        Assert.Equal(2, program.Blocks.Count);
        var image = program.Compile(out var diagnostics);
        Assert.True(image is not null, string.Join("\n", diagnostics));
        var folder = Directory.CreateTempSubdirectory("rdd-readme-block-").FullName;
        try
        {
            CodeBlockProgram.Run(image!, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AnExceptionWhileRunningPropagates()
    {
        var block = Assert.Single(MarkdownCodeBlocks.Parse("```csharp\nthrow new InvalidDataException(\"bad example\");\n```\n", "DOC.md"));
        var image = new CodeBlockProgram([block]).Compile(out var diagnostics);
        Assert.True(image is not null, string.Join("\n", diagnostics));
        var e = Assert.Throws<InvalidDataException>(() => CodeBlockProgram.Run(image!, Path.GetTempPath()));
        Assert.Equal("bad example", e.Message);
    }

    [Fact]
    public void UnknownFlagsAndUnclosedBlocksAreRefused()
    {
        var unknown = Assert.Throws<InvalidDataException>(() => MarkdownCodeBlocks.Parse("a\n```csharp norun\nx\n```\n", "DOC.md"));
        Assert.Contains("DOC.md:2", unknown.Message);
        Assert.Contains("norun", unknown.Message);
        var unclosed = Assert.Throws<InvalidDataException>(() => MarkdownCodeBlocks.Parse("```csharp\nx\n", "DOC.md"));
        Assert.Contains("DOC.md:1", unclosed.Message);
    }

    /// <summary>The block at <paramref name="where"/> with the blocks it continues, first to last.</summary>
    private static List<CodeBlock> ProgramOf(IReadOnlyList<CodeBlock> blocks, string where)
    {
        int index = blocks.ToList().FindIndex(b => b.ToString() == where);
        Assert.True(index >= 0, $"no ```csharp block at {where}");
        var program = new List<CodeBlock> { blocks[index] };
        for (int i = index; blocks[i].Continues; )
        {
            do { i--; } while (i >= 0 && blocks[i].IsFragment);
            Assert.True(i >= 0 && blocks[i].File == blocks[index].File, $"{blocks[index]} is marked continued but no block comes before it");
            program.Insert(0, blocks[i]);
        }
        return program;
    }

    private static List<CodeBlock> AllBlocks()
    {
        var root = RepositoryRoot();
        return s_markdownFiles.SelectMany(f => MarkdownCodeBlocks.Parse(File.ReadAllText(Path.Combine(root, f)), f)).ToList();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Rdd.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No Rdd.sln above {AppContext.BaseDirectory}.");
    }
}
