using System.Globalization;
using System.Net;
using System.Text;
using ConformanceKit.Features.Support;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.Features.Drivers;

/// <summary>One line of a sale as the cashier rings it up.</summary>
public sealed record SaleItem(string Name, string Unit, decimal Quantity, decimal UnitPrice, string Rate);

/// <summary>A sale rung up: the POS's id, the provider's id for it, and once issued its invoice code and total.</summary>
public sealed class RungSale(string posId, string providerId, IReadOnlyList<SaleItem> items)
{
    public string PosId { get; } = posId;

    /// <summary>The provider's sale id: the POS's own through the API, <c>file:NAME:ID</c> or <c>table:ID</c> otherwise.</summary>
    public string ProviderId { get; } = providerId;

    public IReadOnlyList<SaleItem> Items { get; } = items;

    public string? Code { get; set; }

    /// <summary>The seller's MST as the provider put it on the invoice (what the buyer types in).</summary>
    public string TaxCode { get; set; } = "";

    public decimal Total { get; set; }
}

/// <summary>
/// The cashier at the register: rings sales up and hands them to the provider by the shop's connection — the
/// provider's API, a sale file dropped in its folder, or rows in the intermediate table (docs/provider-import.md).
/// </summary>
public sealed class CashierDriver(ProviderDriver provider, ReferenceProvider reference, ShopContext shop)
{
    public static readonly SaleItem Coffee = new("Cà phê sữa đá", "Ly", 2, 29000, "10%");

    /// <summary>Rings up a sale and waits until the provider has issued its invoice (its code known).</summary>
    public async Task<RungSale> SellAsync(IReadOnlyList<SaleItem>? items = null, string? posId = null)
    {
        items ??= [Coffee];
        posId ??= "HD-" + Guid.NewGuid().ToString("N")[..12];
        var sale = reference.Connection switch
        {
            Connection.SaleFiles => (await ImportFileAsync([(posId, items)]))[0],
            Connection.Table => await InsertRowsAsync(posId, items),
            _ => await PostAsync(posId, items),
        };
        shop.Sales.Add(sale);
        return sale;
    }

    /// <summary>Through the API: 201 with the invoice.</summary>
    private async Task<RungSale> PostAsync(string posId, IReadOnlyList<SaleItem> items)
    {
        var answer = await provider.SellAsync(Json(posId, items));
        shop.LastAnswer = answer;
        if (answer.Status is not (HttpStatusCode.Created or HttpStatusCode.OK))
            throw new InvalidOperationException($"the provider did not issue sale {posId}: {(int)answer.Status} {answer.Body}");
        return Issued(new RungSale(posId, posId, items), answer);
    }

    /// <summary>Rings a sale up and returns the provider's answer as it is, issued or not (400s are the scenario's to read).</summary>
    public async Task<ProviderAnswer> TrySellAsync(object sale) => shop.LastAnswer = await provider.SellAsync(sale);

    /// <summary>
    /// Several sales in one sale file dropped in the watched folder (or <paramref name="csv"/> as written); waits until it
    /// is imported (the sales are the shop's) or rejected (<see cref="ShopContext.LastFileErrors"/>: nothing issued).
    /// </summary>
    public async Task<IReadOnlyList<RungSale>> DropSaleFileAsync(IReadOnlyList<(string PosId, IReadOnlyList<SaleItem> Items)> sales, string? csv = null)
    {
        var imported = await ImportFileAsync(sales, csv);
        shop.Sales.AddRange(imported);
        return imported;
    }

    private async Task<IReadOnlyList<RungSale>> ImportFileAsync(IReadOnlyList<(string PosId, IReadOnlyList<SaleItem> Items)> sales, string? csv = null)
    {
        await reference.StartAsync();
        var name = $"quay1-{Guid.NewGuid():N}.csv";
        var text = csv ?? Csv(sales);
        var staging = Path.Combine(reference.Inbox, "." + name + ".tmp"); // the watcher must never see half a file
        await File.WriteAllTextAsync(staging, text, new UTF8Encoding(false));
        File.Move(staging, Path.Combine(reference.Inbox, name));
        shop.LastFile = name;
        var done = Path.Combine(reference.Inbox, "done", name + ".invoices.csv");
        var rejected = Path.Combine(reference.Inbox, "rejected", name + ".errors.csv");
        if (!await Eventually.TryUntilAsync(() => File.Exists(done) || File.Exists(rejected), TimeSpan.FromSeconds(20)))
            throw new TimeoutException($"the provider neither imported nor rejected {name}");
        if (File.Exists(rejected))
        {
            shop.LastFileErrors = await File.ReadAllTextAsync(rejected);
            return [];
        }
        var issued = (await File.ReadAllLinesAsync(done)).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c);
        return [.. sales.Select(s => new RungSale(s.PosId, $"file:{name}:{s.PosId}", s.Items)
        {
            Code = issued[s.PosId][1], TaxCode = issued[s.PosId][2], Total = decimal.Parse(issued[s.PosId][4], CultureInfo.InvariantCulture),
        })];
    }

    /// <summary>A sale and its lines in one transaction in the intermediate tables; waits until the poller marks it.</summary>
    private async Task<RungSale> InsertRowsAsync(string posId, IReadOnlyList<SaleItem> items)
    {
        await reference.StartAsync();
        await using (var db = new SqliteConnection("Data Source=" + reference.ShopDatabase))
        {
            await db.OpenAsync();
            await using var tx = await db.BeginTransactionAsync();
            for (var i = 0; i < items.Count; i++)
                await ExecuteAsync(db, "INSERT INTO ck_sale_lines (sale_id, line_no, name, unit, quantity, unit_price, vat_rate) VALUES ($s, $n, $name, $unit, $q, $p, $r)",
                    ("$s", posId), ("$n", i + 1), ("$name", items[i].Name), ("$unit", items[i].Unit),
                    ("$q", Number(items[i].Quantity)), ("$p", Number(items[i].UnitPrice)), ("$r", items[i].Rate));
            await ExecuteAsync(db, "INSERT INTO ck_sales (id, register_id) VALUES ($s, 'quay-1')", ("$s", posId));
            await tx.CommitAsync();
        }
        var (status, code, error) = await Eventually.ValueAsync(() => TableRowAsync(posId), r => r.Status != "new", TimeSpan.FromSeconds(20));
        if (status != "issued") throw new InvalidOperationException($"the provider marked table sale {posId} '{status}': {error}");
        var sale = new RungSale(posId, "table:" + posId, items) { Code = code };
        var answer = await provider.SaleAsync(sale.ProviderId);
        return Issued(sale, answer);
    }

    /// <summary>The row's status, invoice code and error as the provider wrote them back.</summary>
    public async Task<(string Status, string? Code, string? Error)> TableRowAsync(string posId)
    {
        await using var db = new SqliteConnection("Data Source=" + reference.ShopDatabase);
        await db.OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT status, invoice_code, error FROM ck_sales WHERE id = $s";
        read.Parameters.AddWithValue("$s", posId);
        await using var row = await read.ExecuteReaderAsync();
        return await row.ReadAsync()
            ? (row.GetString(0), row.IsDBNull(1) ? null : row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2))
            : ("missing", null, null);
    }

    private static RungSale Issued(RungSale sale, ProviderAnswer answer)
    {
        sale.Code = answer.Text("code");
        sale.TaxCode = answer.Text("taxCode");
        sale.Total = answer.Body.TryGetProperty("totalPayable", out var t) ? t.GetDecimal() : 0m;
        return sale;
    }

    public static object Json(string posId, IReadOnlyList<SaleItem> items) => new
    {
        saleId = posId, registerId = "quay-1",
        lines = items.Select(i => new { name = i.Name, unit = i.Unit, quantity = i.Quantity, unitPrice = i.UnitPrice, rate = i.Rate }),
    };

    public static string Csv(IEnumerable<(string PosId, IReadOnlyList<SaleItem> Items)> sales)
    {
        var csv = new StringBuilder("sale_id,name,unit,quantity,unit_price,vat_rate\n");
        foreach (var (posId, items) in sales)
            foreach (var i in items)
                csv.Append(CultureInfo.InvariantCulture, $"{posId},{i.Name},{i.Unit},{Number(i.Quantity)},{Number(i.UnitPrice)},{i.Rate}\n");
        return csv.ToString();
    }

    private static string Number(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(SqliteConnection db, string sql, params (string Name, object Value)[] values)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (n, v) in values) command.Parameters.AddWithValue(n, v);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The register writes a sale and its lines into the intermediate tables and does not wait: the scenario reads the row.</summary>
    public async Task WriteTableSaleAsync(string posId, IReadOnlyList<SaleItem> items)
    {
        await reference.StartAsync();
        await using var db = new SqliteConnection("Data Source=" + reference.ShopDatabase);
        await db.OpenAsync();
        await using var tx = await db.BeginTransactionAsync();
        for (var i = 0; i < items.Count; i++)
            await ExecuteAsync(db, "INSERT INTO ck_sale_lines (sale_id, line_no, name, unit, quantity, unit_price, vat_rate) VALUES ($s, $n, $name, $unit, $q, $p, $r)",
                ("$s", posId), ("$n", i + 1), ("$name", items[i].Name), ("$unit", items[i].Unit),
                ("$q", Number(items[i].Quantity)), ("$p", Number(items[i].UnitPrice)), ("$r", items[i].Rate));
        await ExecuteAsync(db, "INSERT INTO ck_sales (id, register_id) VALUES ($s, 'quay-1')", ("$s", posId));
        await tx.CommitAsync();
    }

    /// <summary>Waits until the provider has dealt with the table sale (its status no longer <c>new</c>): status, code, error.</summary>
    public Task<(string Status, string? Code, string? Error)> WaitForTableRowAsync(string posId) =>
        Eventually.ValueAsync(() => TableRowAsync(posId), r => r.Status != "new", TimeSpan.FromSeconds(20));
}
