using System.Buffers;
using System.Text;

namespace Rdd.Core.IO;

/// <summary>
/// Reads one file as a single string for <c>WholeTextFiles</c>: UTF-8 (invalid bytes become U+FFFD, a byte
/// order mark is kept, as Hadoop's Text does), gzip files decompressed.
/// </summary>
internal static class WholeTextFileReader
{
    public static string Read(string path, ReadStats? stats = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        bool gzip = CompressedInput.IsGzip(path);
        // Plain files are read in one call into one array; GZipStream reads in small chunks and wants a buffer.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read,
            bufferSize: gzip ? LineCursor.DefaultBufferSize : 0, FileOptions.SequentialScan);
        string text = gzip ? ReadGzip(file) : ReadPlain(file);
        if (stats is not null)
        {
            stats.BytesRead += file.Position;
            stats.RecordsRead++;
        }
        return text;
    }

    private static string ReadPlain(FileStream file)
    {
        long length = file.Length;
        if (length > Array.MaxLength)
            throw new IOException($"{file.Name} is too large ({length} bytes) to read as one string.");
        // The bytes only live until they are decoded, so borrow them instead of allocating a second copy
        // of every file on the large-object heap.
        byte[] bytes = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
        try
        {
            int total = 0;
            int read;
            // A file that shrinks while being read yields what was there rather than failing.
            while (total < length && (read = file.Read(bytes, total, (int)length - total)) > 0) total += read;
            return Encoding.UTF8.GetString(bytes, 0, total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static string ReadGzip(FileStream file)
    {
        using var decompressed = CompressedInput.Decompress(file);
        using var bytes = new MemoryStream();
        decompressed.CopyTo(bytes, LineCursor.DefaultBufferSize);
        return Encoding.UTF8.GetString(bytes.GetBuffer(), 0, checked((int)bytes.Length));
    }
}
