using System.Globalization;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using ConformanceKit.Provider.Pos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// VNPT Invoice's web services (profiles/vnpt-invoice/README.md: an unofficial reconstruction from public client code):
/// ASMX SOAP, credentials in every call (<c>Account</c>/<c>ACpass</c> and <c>username</c>/<c>password</c>), answers as strings
/// (<c>OK:…</c> / <c>ERR:n</c>). PublishService <c>ImportAndPublishInvMTT</c> (the cash-register issue: TT78 <c>DSHDon</c>, the
/// <c>key</c> (Fkey) the POS's idempotency key) and <c>GetMCCQThueByFkeys</c>; PortalService <c>listInvByCusFkey</c> and
/// <c>downloadInvPDFFkeyNoPay</c>; BusinessService <c>cancelInv</c> (the reference provider's real cancel).
/// </summary>
public sealed partial class VnptBackend : IProfileBackend
{
    public const string Publish = "/PublishService.asmx";
    public const string Portal = "/PortalService.asmx";
    public const string Business = "/BusinessService.asmx";

    public string Name => "vnpt-invoice";

    public JudgeSpec Judge { get; } = VnptJudge.Spec;

    public void Map(IEndpointRouteBuilder app, BackendContext context)
    {
        app.MapPost(Publish, (HttpRequest request, CancellationToken ct) => DispatchAsync(context, request, ct));
        app.MapPost(Portal, (HttpRequest request, CancellationToken ct) => DispatchAsync(context, request, ct));
        app.MapPost(Business, (HttpRequest request, CancellationToken ct) => DispatchAsync(context, request, ct));
    }

    private static async Task<IResult> DispatchAsync(BackendContext context, HttpRequest request, CancellationToken ct)
    {
        var (call, error) = await VnptSoap.ReadAsync(request, ct);
        if (call is null) return VnptSoap.Fault(client: true, "Unable to read the SOAP request: " + error);
        var path = request.Path.Value ?? "";
        var service = new[] { Publish, Portal, Business }.FirstOrDefault(s => s.Equals(path, StringComparison.OrdinalIgnoreCase)) ?? path;
        var result = (service, call.Method) switch
        {
            (Publish, "ImportAndPublishInvMTT" or "ImportAndPublishInv") => await PublishAsync(context, call, ct),
            (Publish, "GetMCCQThueByFkeys") => await StatusAsync(context, call, ct),
            (Portal, "listInvByCusFkey") => await ListAsync(context, call, ct),
            (Portal, "downloadInvPDFFkeyNoPay") => await PdfAsync(context, call, ct),
            (Business, "cancelInv") => await CancelAsync(context, call, ct),
            _ => null,
        };
        return result is null
            ? VnptSoap.Fault(client: true, $"Server did not recognize the web method {call.Method} of {path} (the simulator's VNPT profile: see its README)")
            : VnptSoap.Result(call.Method, result);
    }

    /// <summary>The service account (Account/ACpass) and the ServiceRole user (username/password) are both required; any non-empty values pass.</summary>
    private static bool Credentials(VnptSoap.Call call, bool account = true) =>
        (!account || (call.Arg("Account") != "" && call.Arg("ACpass") != ""))
        && (call.Arg("username") != "" || call.Arg("userName") != "")
        && (call.Arg("password") != "" || call.Arg("userPass") != "" || call.Arg("pass") != "");

    private static string SaleId(string fkey) => "vnpt:" + fkey;

    /// <summary>
    /// ImportAndPublishInvMTT: each <c>HDon</c> of the TT78 <c>DSHDon</c> is a sale <c>vnpt:{key}</c>; all are checked before any is
    /// issued. <c>OK:{pattern};{serial}-{key}_{number}_{MCCQT},…</c>; <c>ERR:13</c> for a key already issued (look it up instead).
    /// </summary>
    private static async Task<string> PublishAsync(BackendContext context, VnptSoap.Call call, CancellationToken ct)
    {
        if (!Credentials(call)) return "ERR:1";
        XDocument data;
        try
        {
            data = VnptSoap.Load(call.Arg("xmlInvData"));
        }
        catch (Exception e) when (e is XmlException or InvalidDataException)
        {
            return "ERR:3:xmlInvData không đúng định dạng XML: " + e.Message;
        }
        if (data.Root?.Name.LocalName != "DSHDon") return "ERR:3:xmlInvData phải là DSHDon (TT78); the simulator takes no other shape";
        var invoices = data.Root.Elements("HDon").ToList();
        if (invoices.Count is 0 or > 50) return "ERR:10:DSHDon phải có từ 1 đến 50 HDon (the simulator's batch limit)";

        var sales = new List<(string Key, Sale Sale)>();
        for (var i = 0; i < invoices.Count; i++)
        {
            var (key, sale, refusal) = VnptInvoiceXml.Read(invoices[i], i);
            if (refusal is not null) return "ERR:3:" + refusal;
            if (sales.Any(s => s.Key == key)) return $"ERR:13:HDon[{i}].key {key} trùng trong lô";
            if (context.Index.ByTransaction(key!) is not null || (await context.Provider.SaleAsync(SaleId(key!), ct)).Ok)
                return $"ERR:13:Fkey {key} đã tồn tại";
            sales.Add((key!, sale!));
        }

        var issued = new List<string>();
        var series = "";
        foreach (var (key, sale) in sales)
        {
            var answer = await context.Provider.SellAsync(new
            {
                saleId = SaleId(key), lines = ViettelBackend.Lines(sale), buyer = sale.Buyer, paymentMethod = sale.PaymentMethod,
            }, ct);
            if (!answer.Ok)
                return answer.Status == HttpStatusCode.BadRequest
                    ? $"ERR:3:{VnptInvoiceXml.Path(answer.Text("field"))}: {answer.Text("detail")}"
                    : answer.Status == HttpStatusCode.Conflict ? "ERR:6:" + answer.Text("detail") : "ERR:5:" + answer.Text("detail");
            series = answer.Text("series");
            context.Index.Record(new TransactionIndex.Entry(key, SaleId(key), answer.Text("code"), answer.Text("series") + answer.Text("number"),
                DateTimeOffset.Parse(answer.Text("issuedAt"), CultureInfo.InvariantCulture)));
            issued.Add($"{key}_{answer.Text("number")}_{answer.Text("code")}");
        }
        var pattern = call.Arg("pattern") is { Length: > 0 } p ? p : "2/001";
        return $"OK:{pattern};{series}-{string.Join(",", issued)}";
    }

    /// <summary>GetMCCQThueByFkeys: per Fkey (separated by <c>_</c>), the authority code and where the invoice is (<c>TThai</c>).</summary>
    private static async Task<string> StatusAsync(BackendContext context, VnptSoap.Call call, CancellationToken ct)
    {
        if (!Credentials(call)) return "ERR:1";
        var fkeys = call.Arg("fkeys") is { Length: > 0 } all ? all : call.Arg("fkey");
        if (fkeys == "") return "ERR:3:fkeys không được để trống";
        var keys = context.Index.ByTransaction(fkeys) is not null ? [fkeys] : fkeys.Split('_', StringSplitOptions.RemoveEmptyEntries);
        var list = new XElement("DSHDon");
        foreach (var key in keys)
        {
            var answer = await context.Provider.SaleAsync(context.Index.ByTransaction(key)?.SaleId ?? SaleId(key), ct);
            if (!answer.Ok) continue;
            var state = answer.Text("state");
            list.Add(new XElement("HDon",
                new XElement("Fkey", key), new XElement("KHMSHDon", answer.Number("form").ToString(CultureInfo.InvariantCulture)),
                new XElement("KHHDon", answer.Text("series")), new XElement("SHDon", answer.Text("number")),
                new XElement("MCCQThue", answer.Text("code")), new XElement("TThai", TThai(state)), new XElement("TTThai", ViettelBackend.Describe(state)),
                new XElement("TgTTTBSo", answer.Number("totalPayable").ToString(CultureInfo.InvariantCulture)),
                new XElement("MTLoi", state == "rejected" ? answer.Text("detail") : "")));
        }
        return list.HasElements ? list.ToString(SaveOptions.DisableFormatting) : "ERR:6";
    }

    /// <summary>The documented TThai: 2 accepted, 3 refused by the authority; the others are the simulator's (README).</summary>
    private static int TThai(string state) => state switch
    {
        "issued" or "packaged" => 1,
        "accepted" => 2,
        "rejected" => 3,
        "cancelling" => 5,
        "cancelled" => 6,
        _ => 4,
    };

    /// <summary>listInvByCusFkey: the invoice of a key, or (no key) those issued between fromDate and toDate (dd/MM/yyyy).</summary>
    private static async Task<string> ListAsync(BackendContext context, VnptSoap.Call call, CancellationToken ct)
    {
        if (!Credentials(call, account: false)) return "ERR:1";
        IReadOnlyList<TransactionIndex.Entry> entries;
        if (call.Arg("key") is { Length: > 0 } key)
            entries = context.Index.ByTransaction(key) is { } e ? [e] : [];
        else if (DateOnly.TryParseExact(call.Arg("fromDate"), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                 && DateOnly.TryParseExact(call.Arg("toDate"), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            entries = context.Index.Between(from, to);
        else
            return "ERR:3:key, hoặc fromDate và toDate (dd/MM/yyyy)";
        var data = new XElement("Data");
        var index = 0;
        foreach (var entry in entries)
        {
            var answer = await context.Provider.SaleAsync(entry.SaleId, ct);
            if (!answer.Ok) continue;
            var state = answer.Text("state");
            data.Add(new XElement("Item",
                new XElement("index", ++index), new XElement("fkey", entry.TransactionId), new XElement("invToken", $"2/001;{answer.Text("series")};{answer.Text("number")}"),
                new XElement("publishDate", DateTimeOffset.Parse(answer.Text("issuedAt"), CultureInfo.InvariantCulture).ToOffset(BackendContext.Vietnam)
                    .ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture)),
                new XElement("serial", answer.Text("series")), new XElement("invNum", answer.Text("number")), new XElement("MCCQT", answer.Text("code")),
                new XElement("amount", answer.Number("totalPayable").ToString(CultureInfo.InvariantCulture)),
                new XElement("status", state is "cancelled" or "cancelling" ? 6 : 1), new XElement("TThai", TThai(state))));
        }
        return data.ToString(SaveOptions.DisableFormatting);
    }

    private static async Task<string> PdfAsync(BackendContext context, VnptSoap.Call call, CancellationToken ct)
    {
        if (!Credentials(call, account: false)) return "ERR:1";
        if (context.Index.ByTransaction(call.Arg("fkey")) is not { } entry) return "ERR:6";
        var answer = await context.Provider.SaleAsync(entry.SaleId, ct);
        if (!answer.Ok) return "ERR:6";
        var state = answer.Text("state");
        return Convert.ToBase64String(BackendContext.Pdf("VNPT Invoice", answer, entry.TransactionId, state is "cancelled" or "cancelling"));
    }

    /// <summary>cancelInv: the reference provider's real cancel (a signed 303, TCTBao 1; the authority's 301 settles it).</summary>
    private static async Task<string> CancelAsync(BackendContext context, VnptSoap.Call call, CancellationToken ct)
    {
        if (!Credentials(call)) return "ERR:1";
        if (context.Index.ByTransaction(call.Arg("fkey")) is not { } entry) return "ERR:2";
        var answer = await context.Provider.CancelAsync(entry.Code, "Hủy hóa đơn theo yêu cầu (cancelInv)", ct);
        if (answer.Ok)
        {
            entry.CancelledAt ??= DateTimeOffset.UtcNow;
            return "OK:";
        }
        if (answer.Status != HttpStatusCode.Conflict) return answer.Status == HttpStatusCode.NotFound ? "ERR:2" : "ERR:5:" + answer.Text("detail");
        var now = await context.Provider.SaleAsync(entry.SaleId, ct);
        return now.Text("state") is "cancelled" or "cancelling" ? "ERR:8" : "ERR:9:" + answer.Text("detail");
    }
}
