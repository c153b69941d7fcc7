namespace Rdd.Sql.Parsing.Ast;

/// <summary>
/// <c>SET key = value</c> (set a runtime setting), <c>SET key</c> (show it), <c>SET</c> (list those set) or
/// <c>RESET key</c>: Spark's configuration commands, on <see cref="SqlContext.Conf"/>.
/// </summary>
/// <param name="Position">Where the statement starts.</param>
/// <param name="Key">The key; null for a bare <c>SET</c>.</param>
/// <param name="Value">The value to set; null to show the key, or for <c>RESET</c>.</param>
/// <param name="Reset">Whether this is <c>RESET key</c>.</param>
internal sealed record SetStatement(TextPosition Position, string? Key, string? Value, bool Reset = false) : SqlStatement(Position);
