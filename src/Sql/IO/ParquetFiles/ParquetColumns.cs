namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>Finds a scan's columns in a Parquet file, by name, and checks their types.</summary>
internal static class ParquetColumns
{
    /// <summary>The file's top-level field for schema column <paramref name="column"/>.</summary>
    /// <exception cref="InvalidDataException">The file has no such column, or has it with another SQL type; the message names the file.</exception>
    public static int Resolve(ParquetFile file, StructType schema, int column)
    {
        var field = schema[column];
        int index = file.IndexOf(field.Name);
        if (index < 0)
        {
            throw new InvalidDataException(
                $"The Parquet file '{file.Path}' has no column '{field.Name}' (its columns: {string.Join(", ", file.ArrowSchema.FieldsList.Select(f => f.Name))}); the files of one read must share the first file's schema.");
        }
        DataType fileType;
        try
        {
            fileType = file.ColumnType(index);
        }
        catch (NotSupportedException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        return fileType == field.DataType
            ? index
            : throw new InvalidDataException(
                $"Column '{field.Name}' of the Parquet file '{file.Path}' is {fileType.SimpleString}, not {field.DataType.SimpleString} as in the schema of the read (the first file's).");
    }
}
