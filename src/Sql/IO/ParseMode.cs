namespace Rdd.Sql.IO;

/// <summary>What a reader does with a malformed record (Spark's <c>mode</c> option).</summary>
internal enum ParseMode
{
    /// <summary>Keep the record: values that do not parse become null, missing fields null, extra fields are ignored.</summary>
    Permissive,

    /// <summary>Drop the record.</summary>
    DropMalformed,

    /// <summary>Throw a <see cref="MalformedRecordException"/> naming the file, line and column.</summary>
    FailFast,
}
