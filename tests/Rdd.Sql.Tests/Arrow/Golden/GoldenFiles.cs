namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// The allowlist: which of Arrow's integration golden files (apache/arrow-testing,
/// data/arrow-ipc-stream/integration/1.0.0-littleendian, copied to ../shared/arrow-testing) <c>Read.Arrow</c> reads,
/// and which of their columns. Every column not listed has an Arrow type Rdd.Sql has no SQL type for, and the tests
/// check that asking for it is refused, naming the column and its type, when the frame is created; files with no
/// readable column must be refused as a whole the same way.
/// </summary>
internal static class GoldenFiles
{
    public const string MissingMessage =
        "Arrow golden files not found at ../shared/arrow-testing (relative to the repository root); "
        + "clone apache/arrow-testing's data/arrow-ipc-stream/integration/1.0.0-littleendian there to run these tests.";

    private static readonly string[] s_primitiveColumns =
    [
        "bool_nullable", "bool_nonnullable", "int8_nullable", "int8_nonnullable", "int16_nullable", "int16_nonnullable",
        "int32_nullable", "int32_nonnullable", "int64_nullable", "int64_nonnullable", "uint8_nullable", "uint8_nonnullable",
        "uint16_nullable", "uint16_nonnullable", "uint32_nullable", "uint32_nonnullable", "uint64_nullable", "uint64_nonnullable",
        "float32_nullable", "float32_nonnullable", "float64_nullable", "float64_nonnullable", "binary_nullable", "binary_nonnullable",
        "utf8_nullable", "utf8_nonnullable",
    ];

    /// <summary>Files read, with the columns compared (the others: fixed_size_binary, time, null, lists, structs ...).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Covered = new Dictionary<string, string[]>
    {
        ["generated_primitive"] = s_primitiveColumns,
        ["generated_primitive_no_batches"] = s_primitiveColumns,
        ["generated_primitive_zerolength"] = s_primitiveColumns,
        ["generated_primitive_large_offsets"] = ["largebinary_nullable", "largebinary_nonnullable", "largeutf8_nullable", "largeutf8_nonnullable"],
        // time32/time64 (f2-f5) have no SQL type; date64 reads as a date, every timestamp unit and zone as microseconds.
        ["generated_datetime"] = ["f0", "f1", "f6", "f7", "f8", "f9", "f10", "f11", "f12", "f13", "f14"],
        // dict0 has int8 indices, dict1 int32 ones; dict2's values are int64, which is not a string.
        ["generated_dictionary"] = ["dict0", "dict1"],
        // list_with_odd_values is list<int32>: lists are not SQL types (yet).
        ["generated_custom_metadata"] = ["sort_of_pandas", "lots_of_meta", "unregistered_extension"],
        // Reading by name finds the first "ints" (the struct column is compared by NestedColumnTests).
        ["generated_duplicate_fieldnames"] = ["ints"],
        // f0, f2, f4 are of the null type (no buffers at all): skipping them is part of the test.
        ["generated_null"] = ["f1", "f3"],
    };

    /// <summary>Files with no supported column: reading them must fail naming the first column and an unsupported type.</summary>
    public static readonly IReadOnlyDictionary<string, string> Refused = new Dictionary<string, string>
    {
        ["generated_null_trivial"] = "null",
    };

    /// <summary>Whether a field of the integration JSON is a list, fixed-size list or struct (read as arrays and structs).</summary>
    public static bool IsNested(System.Text.Json.Nodes.JsonObject field) =>
        field["type"]!["name"]!.GetValue<string>() is "list" or "largelist" or "fixedsizelist" or "struct";

    /// <summary>The two IPC formats of each case, by file extension.</summary>
    public static readonly string[] Formats = ["arrow_file", "stream"];

    public static string PathOf(string name, string extension) =>
        Path.Combine(RepositoryPaths.ArrowTestingDirectory ?? throw new InvalidOperationException(MissingMessage), $"{name}.{extension}");
}
