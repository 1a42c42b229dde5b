using System.Net;
using System.Text;
using System.Xml.Linq;
using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>A POS's VNPT Invoice client (SOAP 1.1, credentials in every call), written from the public client code the profile cites.</summary>
public sealed class VnptPos(Uri provider, TimeSpan? timeout = null) : IDisposable
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Tempuri = "http://tempuri.org/";
    private readonly HttpClient _http = new() { BaseAddress = provider, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    public string Account { get; set; } = "quay1admin";

    public string Password { get; set; } = "secret";

    /// <summary>One TT78 HDon: a line of <paramref name="quantity"/> × <paramref name="unitPrice"/> at 10%, its totals and words as the POS writes them.</summary>
    public static XElement Invoice(string fkey, decimal unitPrice = 29000m, int quantity = 2, decimal? claimedTotal = null, string? words = null,
        string itemName = "Cà phê sữa đá")
    {
        var net = unitPrice * quantity;
        var tax = Math.Round(net * 0.10m, 0, MidpointRounding.AwayFromZero);
        var total = claimedTotal ?? net + tax;
        return new XElement("HDon", new XElement("key", fkey),
            new XElement("DLHDon",
                new XElement("TTChung", new XElement("NLap", DateTime.UtcNow.ToString("yyyy-MM-dd")), new XElement("DVTTe", "VND"),
                    new XElement("TGia", 1), new XElement("HTTToan", "TM/CK")),
                new XElement("NDHDon",
                    new XElement("NMua", new XElement("Ten", "Khách lẻ")),
                    new XElement("DSHHDVu", new XElement("HHDVu", new XElement("TChat", 1), new XElement("STT", 1), new XElement("MHHDVu", "CF01"),
                        new XElement("THHDVu", itemName), new XElement("DVTinh", "Ly"), new XElement("SLuong", quantity), new XElement("DGia", unitPrice),
                        new XElement("ThTien", net), new XElement("TSuat", "10%"), new XElement("TThue", tax))),
                    new XElement("TToan", new XElement("TgTCThue", net), new XElement("TgTThue", tax), new XElement("TgTTTBSo", total),
                        new XElement("TgTTTBChu", words ?? VietnameseAmountInWords.ToWords((long)total))))));
    }

    public Task<HttpResponseMessage> PublishAsync(XElement invoice, CancellationToken ct = default) => PublishAsync([invoice], ct);

    public Task<HttpResponseMessage> PublishAsync(IEnumerable<XElement> invoices, CancellationToken ct = default) =>
        CallAsync("PublishService.asmx", "ImportAndPublishInvMTT", ct, ("Account", Account), ("ACpass", Password),
            ("xmlInvData", new XElement("DSHDon", invoices).ToString(SaveOptions.DisableFormatting)), ("username", "quay1service"),
            ("password", Password), ("pattern", "2/001"), ("serial", "C26MTT"), ("convert", "0"));

    public Task<HttpResponseMessage> StatusAsync(string fkeys) =>
        CallAsync("PublishService.asmx", "GetMCCQThueByFkeys", default, ("Account", Account), ("ACpass", "secret"), ("username", "quay1service"),
            ("password", "secret"), ("pattern", "2/001"), ("fkeys", fkeys));

    public Task<HttpResponseMessage> ListAsync(string key = "", DateOnly? from = null, DateOnly? to = null) =>
        CallAsync("PortalService.asmx", "listInvByCusFkey", default, ("key", key), ("fromDate", from?.ToString("dd/MM/yyyy") ?? ""),
            ("toDate", to?.ToString("dd/MM/yyyy") ?? ""), ("userName", "quay1service"), ("userPass", "secret"));

    public Task<HttpResponseMessage> PdfAsync(string fkey) =>
        CallAsync("PortalService.asmx", "downloadInvPDFFkeyNoPay", default, ("fkey", fkey), ("userName", "quay1service"), ("userPass", "secret"));

    public Task<HttpResponseMessage> CancelAsync(string fkey) =>
        CallAsync("BusinessService.asmx", "cancelInv", default, ("Account", Account), ("ACpass", "secret"), ("fkey", fkey),
            ("userName", "quay1service"), ("userPass", "secret"));

    private Task<HttpResponseMessage> CallAsync(string service, string method, CancellationToken ct, params (string Name, string Value)[] args)
    {
        var envelope = new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Soap.NamespaceName),
            new XElement(Soap + "Body", new XElement(Tempuri + method, args.Select(a => new XElement(Tempuri + a.Name, a.Value)))));
        var content = new StringContent(new XDeclaration("1.0", "utf-8", null) + envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "text/xml");
        var request = new HttpRequestMessage(HttpMethod.Post, service) { Content = content };
        request.Headers.Add("SOAPAction", $"\"http://tempuri.org/{method}\"");
        return _http.SendAsync(request, ct);
    }

    /// <summary>The string result of a web method (OK:…, ERR:n, or the XML it returns as text).</summary>
    public static async Task<string> ResultAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return XDocument.Parse(text).Descendants().First(e => e.Name.LocalName.EndsWith("Result", StringComparison.Ordinal)).Value;
    }

    /// <summary>The HDon of GetMCCQThueByFkeys for one Fkey, or null.</summary>
    public async Task<XElement?> LookUpAsync(string fkey)
    {
        var result = await ResultAsync(await StatusAsync(fkey));
        return result.StartsWith("ERR", StringComparison.Ordinal) ? null : XElement.Parse(result).Elements("HDon").FirstOrDefault();
    }

    /// <summary>Looks the Fkey up until TThai is <paramref name="tthai"/> (2: the authority accepted it).</summary>
    public async Task<XElement> WaitForAsync(string fkey, int tthai = 2)
    {
        XElement? last = null;
        var ok = await Eventually.TryUntilAsync(async () =>
        {
            last = await LookUpAsync(fkey);
            return last is not null && (int)last.Element("TThai")! == tthai;
        }, TimeSpan.FromSeconds(20));
        Assert.True(ok, $"the invoice of {fkey} never reached TThai {tthai}: {last}");
        return last!;
    }

    public void Dispose() => _http.Dispose();
}
