using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>Dates as days since 1970-01-01 (Arrow <c>date32</c>), read as <see cref="DateOnly"/>.</summary>
internal sealed class Date32Array : PrimitiveArray<int>
{
    private static readonly int s_epochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public Date32Array(ArrayData data)
        : base(data)
    {
        if (data.Type is not Date32Type)
        {
            throw new ArgumentException($"A Date32Array cannot hold {data.Type} values.", nameof(data));
        }
    }

    public DateOnly? GetDate(int index) => IsValid(index) ? ToDate(Values[index]) : null;

    public override Date32Array Slice(int offset, int length) => new(Data.Slice(offset, length));

    public static DateOnly ToDate(int days) => DateOnly.FromDayNumber(s_epochDayNumber + days);

    public static int ToDays(DateOnly date) => date.DayNumber - s_epochDayNumber;

    public new sealed class Builder(int capacity = 0)
        : PrimitiveArrayBuilder<int, Date32Array, Builder>(Date32Type.Default, capacity)
    {
        public Builder Append(DateOnly date) => Append(ToDays(date));

        public Builder Append(DateOnly? date) => date.HasValue ? Append(ToDays(date.GetValueOrDefault())) : AppendNull();

        protected override Date32Array Create(ArrayData data) => new(data);
    }
}
