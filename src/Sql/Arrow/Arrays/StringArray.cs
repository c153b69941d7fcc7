using System.Text;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// UTF-8 strings (Arrow <c>utf8</c>). Values stay UTF-8 in the data buffer; <see cref="GetString"/>
/// decodes one on demand, the only allocation a string column makes.
/// </summary>
internal sealed class StringArray : BinaryArray
{
    public StringArray(ArrayData data)
        : base(data)
    {
        if (data.Type is not StringType)
        {
            throw new ArgumentException($"A StringArray cannot hold {data.Type} values.", nameof(data));
        }
    }

    /// <summary>The string at <paramref name="index"/>, or null.</summary>
    public string? GetString(int index) => IsValid(index) ? Encoding.UTF8.GetString(GetBytes(index)) : null;

    public override StringArray Slice(int offset, int length) => new(Data.Slice(offset, length)) { Codes = Codes?.Slice(offset, length) };

    public override StringArray WithCodes(DictionaryCodes? codes) => new(Data) { Codes = Checked(codes) };

    public new sealed class Builder(int capacity = 0)
        : BinaryArrayBuilder<StringArray, Builder>(StringType.Default, capacity)
    {
        public Builder Append(string? value) => value is null ? AppendNull() : Append(value.AsSpan());

        public Builder Append(ReadOnlySpan<char> value)
        {
            // Encode in place: reserve the worst case, commit what the encoder wrote.
            var destination = Data.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
            Data.Advance(Encoding.UTF8.GetBytes(value, destination));
            return CommitValue();
        }

        protected override StringArray Create(ArrayData data) => new(data);
    }
}
