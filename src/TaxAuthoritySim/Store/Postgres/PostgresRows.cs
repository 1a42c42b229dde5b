using System.Data.Common;

namespace ConformanceKit.TaxAuthoritySim.Store.Postgres;

/// <summary>PostgreSQL has the types: timestamptz, date, numeric, boolean.</summary>
internal sealed class PostgresRows : RowDialect
{
    public static readonly PostgresRows Dialect = new();

    public override DateTimeOffset Time(DbDataReader r, int i) => r.GetFieldValue<DateTimeOffset>(i);

    public override DateOnly Date(DbDataReader r, int i) => r.GetFieldValue<DateOnly>(i);

    public override decimal Decimal(DbDataReader r, int i) => r.GetDecimal(i);

    public override bool Flag(DbDataReader r, int i) => r.GetBoolean(i);
}
