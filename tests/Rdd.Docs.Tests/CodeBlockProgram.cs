using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Rdd.Docs.Tests;

/// <summary>
/// A program made of one or more README blocks (a block and the blocks it continues), compiled with Roslyn as a user's
/// <c>dotnet new console</c> app that references Rdd.Core, Rdd.Sql and Rdd.MlLib would be: top-level statements, the
/// SDK's implicit usings, nullable enabled, warnings treated as errors. <c>#line</c> directives map every diagnostic
/// back to the Markdown file and line.
/// </summary>
public sealed partial class CodeBlockProgram
{
    private static readonly string[] s_implicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    // Assembly version unification notes the SDK silences too (its NoWarn holds CS1701 and CS1702).
    private static readonly string[] s_sdkSilenced = ["CS1701", "CS1702"];

    private static readonly Lazy<MetadataReference[]> s_references = new(LoadReferences);

    public CodeBlockProgram(IReadOnlyList<CodeBlock> blocks) => Blocks = blocks;

    public IReadOnlyList<CodeBlock> Blocks { get; }

    /// <summary>The C# text: every block's leading usings first, then the blocks' statements in order.</summary>
    public string Source()
    {
        var usings = new StringBuilder();
        var body = new StringBuilder();
        foreach (var block in Blocks)
        {
            int first = 0;
            while (first < block.Lines.Count && (string.IsNullOrWhiteSpace(block.Lines[first]) || UsingDirective().IsMatch(block.Lines[first])))
            {
                if (!string.IsNullOrWhiteSpace(block.Lines[first]))
                {
                    usings.Append(LineDirective(block, first)).Append(block.Lines[first]).Append('\n');
                }
                first++;
            }
            if (first < block.Lines.Count)
            {
                body.Append(LineDirective(block, first));
                for (int i = first; i < block.Lines.Count; i++)
                {
                    body.Append(block.Lines[i]).Append('\n');
                }
            }
        }
        return usings.Append(body).ToString();
    }

    /// <summary>Compiles the program; <paramref name="diagnostics"/> lists every error and warning, mapped to the Markdown lines.</summary>
    public byte[]? Compile(out IReadOnlyList<string> diagnostics)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var globalUsings = CSharpSyntaxTree.ParseText(string.Concat(s_implicitUsings.Select(u => $"global using {u};\n")), parse);
        var program = CSharpSyntaxTree.ParseText(Source(), parse, path: "Program.cs");
        var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(s_sdkSilenced.ToDictionary(id => id, _ => ReportDiagnostic.Suppress));
        var compilation = CSharpCompilation.Create("ReadmeBlock" + Guid.NewGuid().ToString("N"), [globalUsings, program], s_references.Value, options);
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        diagnostics = result.Diagnostics
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
            .Select(Describe)
            .ToList();
        return result.Success && diagnostics.Count == 0 ? image.ToArray() : null;
    }

    /// <summary>Runs a compiled program in <paramref name="workingDirectory"/>, returning what it wrote; its exception propagates.</summary>
    public static string Run(byte[] image, string workingDirectory)
    {
        var assembly = Assembly.Load(image);
        var entry = assembly.EntryPoint ?? throw new InvalidOperationException("The program has no entry point.");
        var output = new StringWriter();
        var (oldOut, oldError, oldDirectory) = (Console.Out, Console.Error, Directory.GetCurrentDirectory());
        Console.SetOut(output);
        Console.SetError(output);
        Directory.SetCurrentDirectory(workingDirectory);
        try
        {
            var result = entry.Invoke(null, entry.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            if (result is Task task)
            {
                task.GetAwaiter().GetResult();
                result = task.GetType().GetProperty("Result")?.GetValue(task);
            }
            if (result is int code && code != 0)
            {
                throw new InvalidOperationException($"The program returned exit code {code}.");
            }
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            Directory.SetCurrentDirectory(oldDirectory);
        }
        return output.ToString();
    }

    /// <summary>As the compiler prints it, at the Markdown line: <c>README.md(35,5): error CS0103: …</c>.</summary>
    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var where = span.IsValid ? $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})" : "(no location)";
        return $"{where}: {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static string LineDirective(CodeBlock block, int index) => $"#line {block.Line + index} \"{block.File}\"\n";

    /// <summary>The framework (the running one) and every managed assembly beside the tests: Rdd.* and their dependencies.</summary>
    private static MetadataReference[] LoadReferences()
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"));
        var references = new Dictionary<string, MetadataReference>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            var name = Path.GetFileName(path);
            if (references.ContainsKey(name))
            {
                continue;
            }
            try
            {
                AssemblyName.GetAssemblyName(path);   // throws for native libraries
            }
            catch (BadImageFormatException)
            {
                continue;
            }
            references[name] = MetadataReference.CreateFromFile(path);
        }
        return [.. references.Values];
    }

    [GeneratedRegex(@"^\s*using\s+(static\s+)?[A-Za-z_][\w.]*(\s*=\s*[\w.<>, ]+)?\s*;\s*(//.*)?$")]
    private static partial Regex UsingDirective();
}
