using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Features.Support;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.Features.Drivers;

/// <summary>What the shop asked the provider to correct, and what came of it.</summary>
/// <param name="Kind">cancel, replace, adjust_increase or adjust_decrease (the sale-file and table spelling).</param>
/// <param name="Original">The invoice corrected (its code).</param>
/// <param name="Code">The replacement or adjustment issued; null for a cancel or a refusal.</param>
/// <param name="Refusal">Why the provider refused it (nothing sent); null when it took it.</param>
public sealed record CorrectionAsked(string Kind, RungSale Original, string? Code, string? Refusal);

/// <summary>
/// The shop corrects an invoice already accepted (docs/corrections.md) by its connection: the provider's API
/// (<c>POST /api/v1/invoices/{code}/cancel|replace|adjust</c>), a correction row in a sale file, or a correction row in the
/// intermediate table (docs/provider-import.md#corrections).
/// </summary>
public sealed class CorrectionDriver(ProviderDriver provider, ReferenceProvider reference, CashierDriver cashier, ShopContext shop)
{
    /// <summary>The corrections asked in this scenario, oldest first.</summary>
    public List<CorrectionAsked> Asked { get; } = [];

    public CorrectionAsked Last => Asked.Count > 0 ? Asked[^1] : throw new InvalidOperationException("no correction was asked");

    /// <summary>
    /// Asks for a correction of <paramref name="original"/>: <paramref name="items"/> are the new invoice's lines (the
    /// increase, the decrease, or the replacement's); <paramref name="buyer"/> the replacement's buyer (name, tax code).
    /// </summary>
    public async Task<CorrectionAsked> AskAsync(string kind, RungSale original, string? reason, IReadOnlyList<SaleItem> items,
        (string Name, string TaxCode)? buyer = null)
    {
        var asked = reference.Connection switch
        {
            Connection.SaleFiles => await ByFileAsync(kind, original, reason, items, buyer),
            Connection.Table => await ByTableAsync(kind, original, reason, items, buyer),
            _ => await ByApiAsync(kind, original, reason, items, buyer),
        };
        Asked.Add(asked);
        return asked;
    }

    /// <summary>Waits until the provider says the invoice is <paramref name="state"/> and returns its view.</summary>
    public async Task<ProviderAnswer> WaitForInvoiceAsync(string code, Func<ProviderAnswer, bool> done, string what)
    {
        ProviderAnswer? last = null;
        var reached = await Eventually.TryUntilAsync(async () => done(last = await provider.InvoiceAsync(code)), TimeSpan.FromSeconds(30));
        return reached ? last! : throw new TimeoutException($"invoice {code}: {what} did not happen; the provider says {(int?)last?.Status} {last?.Body}");
    }

    /// <summary>Waits until the provider shows the 301 accepting the 303 entry (<paramref name="action"/>: cancel, replace) about <paramref name="code"/>.</summary>
    public Task<ProviderAnswer> WaitForNoticeAcceptedAsync(string code, string action) => WaitForInvoiceAsync(code,
        a => a.Body.TryGetProperty("notices", out var n) && n.ValueKind == JsonValueKind.Array
             && n.EnumerateArray().Any(e => e.GetProperty("action").GetString() == action && e.GetProperty("accepted").ValueKind == JsonValueKind.True),
        $"the 301 accepting the {action}");

    /// <summary>The provider's view of invoice <paramref name="code"/>: its total to pay and what it adjusts or replaces.</summary>
    public async Task<(decimal Total, string Adjusts, string Replaces, int AdjustedBy)> ViewAsync(string code)
    {
        var view = await provider.InvoiceAsync(code);
        return (view.Body.GetProperty("totalPayable").GetDecimal(), view.Text("adjusts"), view.Text("replaces"),
            view.Body.TryGetProperty("adjustedBy", out var a) && a.ValueKind == JsonValueKind.Array ? a.GetArrayLength() : 0);
    }

    /// <summary>The buyer's look-up (JSON) of <paramref name="sale"/>'s invoice at the authority, once <paramref name="done"/> holds.</summary>
    public Task<InvoiceView> AuthorityViewAsync(BuyerDriver buyer, string taxCode, string code, decimal total, Func<InvoiceView, bool> done) =>
        Eventually.ValueAsync(async () => (await buyer.LookUpAsync(taxCode, code, total)).Invoice, v => v is not null && done(v), TimeSpan.FromSeconds(20))!;

    private async Task<CorrectionAsked> ByApiAsync(string kind, RungSale original, string? reason, IReadOnlyList<SaleItem> items,
        (string Name, string TaxCode)? buyer)
    {
        var lines = items.Select(i => new { name = i.Name, unit = i.Unit, quantity = i.Quantity, unitPrice = i.UnitPrice, rate = i.Rate });
        var path = $"api/v1/invoices/{Uri.EscapeDataString(original.Code!)}/";
        var answer = kind switch
        {
            "cancel" => await provider.PostAsync(path + "cancel", new { reason }),
            "replace" => await provider.PostAsync(path + "replace", new
            {
                reason, lines, buyer = buyer is { } b ? new { name = b.Name, taxCode = b.TaxCode } : null,
            }),
            _ => await provider.PostAsync(path + "adjust", new
            {
                direction = kind == "adjust_decrease" ? "decrease" : "increase", lines, saleId = "adj-" + Guid.NewGuid().ToString("N")[..12],
            }),
        };
        if (answer.Status is not (HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.OK))
            return new CorrectionAsked(kind, original, null, answer.Text("detail") is { Length: > 0 } d ? d : $"{(int)answer.Status} {answer.Body}");
        var issued = kind switch { "cancel" => null, "replace" => "replacement", _ => "adjustment" };
        return new CorrectionAsked(kind, original, issued is null ? null : answer.Body.GetProperty(issued).GetProperty("code").GetString(), null);
    }

    private async Task<CorrectionAsked> ByFileAsync(string kind, RungSale original, string? reason, IReadOnlyList<SaleItem> items,
        (string Name, string TaxCode)? buyer)
    {
        await reference.StartAsync();
        var name = $"sua-{Guid.NewGuid():N}.csv";
        var csv = new StringBuilder("sale_id,correction,related_code,reason,name,unit,quantity,unit_price,vat_rate,buyer_name,buyer_tax_code\n");
        var rows = kind == "cancel" ? [new SaleItem("", "", 0, 0, "")] : items;
        foreach (var i in rows)
            csv.Append(CultureInfo.InvariantCulture,
                $"K-1,{kind},{original.Code},{Quote(reason)},{i.Name},{i.Unit},{Number(i.Quantity, kind)},{Number(i.UnitPrice, kind)},{i.Rate},{Quote(buyer?.Name)},{buyer?.TaxCode}\n");
        var staging = Path.Combine(reference.Inbox, "." + name + ".tmp");
        await File.WriteAllTextAsync(staging, csv.ToString(), new UTF8Encoding(false));
        File.Move(staging, Path.Combine(reference.Inbox, name));
        var done = Path.Combine(reference.Inbox, "done", name + ".invoices.csv");
        var rejected = Path.Combine(reference.Inbox, "rejected", name + ".errors.csv");
        if (!await Eventually.TryUntilAsync(() => File.Exists(done) || File.Exists(rejected), TimeSpan.FromSeconds(20)))
            throw new TimeoutException($"the provider neither imported nor rejected {name}");
        if (File.Exists(rejected))
        {
            var errors = await File.ReadAllTextAsync(rejected);
            (shop.LastFile, shop.LastFileErrors) = (name, errors); // the connection steps read the report
            return new CorrectionAsked(kind, original, null, errors);
        }
        (shop.LastFile, shop.LastFileErrors) = (name, null);
        var row = (await File.ReadAllLinesAsync(done))[1].Split(',');
        return new CorrectionAsked(kind, original, kind == "cancel" ? null : row[1], null);
    }

    private async Task<CorrectionAsked> ByTableAsync(string kind, RungSale original, string? reason, IReadOnlyList<SaleItem> items,
        (string Name, string TaxCode)? buyer)
    {
        await reference.StartAsync();
        var id = "SUA-" + Guid.NewGuid().ToString("N")[..12];
        await using (var db = new SqliteConnection("Data Source=" + reference.ShopDatabase))
        {
            await db.OpenAsync();
            await using var tx = await db.BeginTransactionAsync();
            for (var n = 0; kind != "cancel" && n < items.Count; n++)
                await ExecuteAsync(db, "INSERT INTO ck_sale_lines (sale_id, line_no, name, unit, quantity, unit_price, vat_rate) VALUES ($s, $n, $name, $unit, $q, $p, $r)",
                    ("$s", id), ("$n", n + 1), ("$name", items[n].Name), ("$unit", items[n].Unit),
                    ("$q", Number(items[n].Quantity, kind)), ("$p", Number(items[n].UnitPrice, kind)), ("$r", items[n].Rate));
            await ExecuteAsync(db, """
                INSERT INTO ck_sales (id, register_id, correction, related_code, reason, buyer_name, buyer_tax_code)
                VALUES ($s, 'quay-1', $k, $c, $why, $bn, $bt)
                """, ("$s", id), ("$k", kind), ("$c", original.Code!), ("$why", (object?)reason ?? DBNull.Value),
                ("$bn", (object?)buyer?.Name ?? DBNull.Value), ("$bt", (object?)buyer?.TaxCode ?? DBNull.Value));
            await tx.CommitAsync();
        }
        var (status, code, error) = await cashier.WaitForTableRowAsync(id);
        return status == "issued"
            ? new CorrectionAsked(kind, original, kind == "cancel" ? null : code, null)
            : new CorrectionAsked(kind, original, null, error ?? status);
    }

    private static string Number(decimal d, string kind) => kind == "cancel" ? "" : d.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string? s) => s is null ? "" : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ExecuteAsync(SqliteConnection db, string sql, params (string Name, object Value)[] values)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (n, v) in values) command.Parameters.AddWithValue(n, v);
        await command.ExecuteNonQueryAsync();
    }
}
