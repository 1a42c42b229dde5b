using System.Data.Common;
using System.Globalization;

namespace ConformanceKit.TaxAuthoritySim.Store.Sqlite;

/// <summary>SQLite keeps times as UTC ticks, dates as yyyy-MM-dd text, decimals as exact text, flags as 0/1.</summary>
internal sealed class SqliteRows : RowDialect
{
    public static readonly SqliteRows Dialect = new();

    public override DateTimeOffset Time(DbDataReader r, int i) => new(r.GetInt64(i), TimeSpan.Zero);

    public override DateOnly Date(DbDataReader r, int i) => DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override decimal Decimal(DbDataReader r, int i) => decimal.Parse(r.GetString(i), NumberStyles.Float, CultureInfo.InvariantCulture);

    public override bool Flag(DbDataReader r, int i) => r.GetInt64(i) != 0;
}
