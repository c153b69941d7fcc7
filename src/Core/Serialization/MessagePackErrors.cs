using System.Diagnostics.CodeAnalysis;

namespace Rdd.Core.Serialization;

/// <summary>
/// Throw helpers: keeping the throw (and its string formatting) out of the hot reader methods lets
/// the JIT inline them. Every message names the absolute byte offset in the stream.
/// </summary>
internal static class MessagePackErrors
{
    // Marks an InvalidDataException as "the data ended inside a value" (the exception type is sealed):
    // a stream reader decoding from its buffer then reads more and retries instead of failing.
    private const string TruncatedKey = "Rdd.MessagePack.Truncated";

    public static bool IsTruncated(Exception exception) => exception.Data.Contains(TruncatedKey);

    public static InvalidDataException Truncated(string message)
    {
        var exception = new InvalidDataException(message);
        exception.Data[TruncatedKey] = true;
        return exception;
    }

    [DoesNotReturn]
    public static void ThrowTruncated(long offset, long needed) =>
        throw Truncated($"Unexpected end of MessagePack data at byte offset {offset}: {needed} more byte(s) needed.");

    [DoesNotReturn]
    public static void ThrowUnexpectedType(long offset, string expected, byte code) =>
        throw new InvalidDataException(
            $"Invalid MessagePack data at byte offset {offset}: expected {expected} but found {MessagePackCode.Describe(code)}.");

    [DoesNotReturn]
    public static void ThrowInvalidCode(long offset) =>
        throw new InvalidDataException(
            $"Invalid MessagePack data at byte offset {offset}: 0xc1 is not a valid format code.");

    [DoesNotReturn]
    public static void ThrowOverflow(long offset, string targetType) =>
        throw new InvalidDataException(
            $"Invalid MessagePack data at byte offset {offset}: the integer does not fit in {targetType}.");

    [DoesNotReturn]
    public static void ThrowInvalid(long offset, string reason) =>
        throw new InvalidDataException($"Invalid MessagePack data at byte offset {offset}: {reason}");
}
