using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// The hash functions of the key tables and the exchange. They are fixed functions of the key bytes (no per-process
/// seed, little-endian reads), so a hash computed on one machine or run partitions rows the same way on another.
/// Multiplicative mixing is enough here: tables use the hash's bits through a power-of-two mask after
/// <see cref="Finish"/>, and keys are not adversarial.
/// </summary>
internal static class KeyHashing
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;
    private const ulong FinishMultiplier = 0xD6E8FEB86659FD93UL;

    /// <summary>The starting value of a row hash combined column by column with <see cref="Combine"/>.</summary>
    public const ulong Seed = 0x2545F4914F6CDD1DUL;

    /// <summary>Folds one 64-bit key code into a running hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong hash, long code) => BitOperations.RotateLeft((hash ^ (ulong)code) * Multiplier, 27);

    /// <summary>Spreads the entropy of a combined hash over all its bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Finish(ulong hash)
    {
        hash ^= hash >> 32;
        hash *= FinishMultiplier;
        return hash ^ (hash >> 29);
    }

    /// <summary>The hash of one 64-bit value (a single long key).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(long value) => Finish(Combine(Seed, value));

    /// <summary>The hash of a byte string (UTF-8 text or binary), eight bytes per step.</summary>
    public static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        ulong hash = Seed ^ ((ulong)bytes.Length * Multiplier);
        int i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            hash = Combine(hash, (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..]));
        }
        if (i < bytes.Length)
        {
            ulong tail = 0;
            for (int j = bytes.Length - 1; j >= i; j--)
            {
                tail = (tail << 8) | bytes[j];
            }
            hash = Combine(hash, (long)tail);
        }
        return Finish(hash);
    }
}
