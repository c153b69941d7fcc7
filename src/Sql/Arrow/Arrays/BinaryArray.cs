using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// Variable-length byte strings: slot <c>i</c> is <c>ValueData[ValueOffsets[i]..ValueOffsets[i + 1]]</c>.
/// Base of <see cref="StringArray"/>, which has the same layout with UTF-8 contents.
/// </summary>
internal class BinaryArray : ArrowArray
{
    public BinaryArray(ArrayData data)
        : base(data)
    {
        if (data.Type is not (BinaryType or StringType))
        {
            throw new ArgumentException($"A BinaryArray cannot hold {data.Type} values.", nameof(data));
        }
        RequireValidity(data);
        RequireBuffer(data, 1, ((long)data.Offset + data.Length + 1) * sizeof(int), "offsets");
        if (data.Length > 0)
        {
            var offsets = data.Buffers[1].AsSpan<int>().Slice(data.Offset, data.Length + 1);
            if (offsets[0] < 0 || offsets[^1] < offsets[0])
            {
                throw new InvalidDataException($"A {data.Type} array has offsets running from {offsets[0]} to {offsets[^1]}.");
            }
            RequireBuffer(data, 2, offsets[^1], "data");
        }
    }

    /// <summary>Length + 1 offsets into <see cref="ValueData"/>, already offset-sliced.</summary>
    public ReadOnlySpan<int> ValueOffsets => Data.Buffers[1].AsSpan<int>().Slice(Offset, Length + 1);

    /// <summary>The whole data buffer (offsets index into it).</summary>
    public ReadOnlySpan<byte> ValueData => Data.Buffers[2].Span;

    /// <summary>The bytes of slot <paramref name="index"/>; empty for a null.</summary>
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            ThrowIndexOutOfRange(index);
        }
        var offsets = ValueOffsets;
        int start = offsets[index];
        return ValueData[start..offsets[index + 1]];
    }

    public int GetValueLength(int index)
    {
        var offsets = ValueOffsets;
        return offsets[index + 1] - offsets[index];
    }

    /// <summary>A copy of slot <paramref name="index"/>, or null.</summary>
    public byte[]? GetByteArray(int index) => IsValid(index) ? GetBytes(index).ToArray() : null;

    /// <summary>Dictionary codes of the same values, when the producer kept them (see <see cref="DictionaryCodes"/>).</summary>
    public DictionaryCodes? Codes { get; protected init; }

    public override BinaryArray Slice(int offset, int length) => new(Data.Slice(offset, length)) { Codes = Codes?.Slice(offset, length) };

    /// <summary>This column with <paramref name="codes"/> attached (one per row).</summary>
    public virtual BinaryArray WithCodes(DictionaryCodes? codes) => new(Data) { Codes = Checked(codes) };

    /// <summary>Requires one code per row.</summary>
    protected DictionaryCodes? Checked(DictionaryCodes? codes) =>
        codes is null || codes.Codes.Length == Length ? codes : throw new ArgumentException($"{codes.Codes.Length} codes for {Length} rows.", nameof(codes));

    public sealed class Builder(int capacity = 0)
        : BinaryArrayBuilder<BinaryArray, Builder>(BinaryType.Default, capacity)
    {
        public Builder Append(byte[]? value) => value is null ? AppendNull() : Append(value.AsSpan());

        protected override BinaryArray Create(ArrayData data) => new(data);
    }
}
