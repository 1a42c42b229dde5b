using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Features.Support;
using ConformanceKit.ProviderSim;

namespace ConformanceKit.Features.Drivers;

/// <summary>
/// The shop's POS talking to VNPT Invoice's SOAP web services (the <c>vnpt-invoice</c> profile of <c>ck provider-sim</c>),
/// credentials in every call. A well-behaved POS: the same Fkey on every retry, a look-up by Fkey before resending after an
/// answer it could not read and after "ERR:13" (already received), Retry-After after a 429, a back-off after a 5xx.
/// </summary>
public sealed class VnptPosDriver(HttpLog log, Reqnroll.FeatureContext feature) : IAsyncDisposable
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Tempuri = "http://tempuri.org/";
    private ProviderSimServer? _sim;
    private LocalPipeline? _pipeline;
    private bool _own;
    private HttpClient? _http;

    /// <summary>What the POS ended with for one sale: its Fkey, the number and authority code (or the error).</summary>
    public sealed record Outcome(string Fkey, string? Number, string? Code, string? Error);

    /// <summary>The HTTP status or VNPT result of each ImportAndPublishInvMTT the POS sent.</summary>
    public List<string> Answers { get; } = [];

    public ProviderSimServer Sim => _sim ?? throw new InvalidOperationException("no provider yet: 'Given the shop's POS talks to VNPT Invoice's web services'");

    private HttpClient Http => _http ?? throw new InvalidOperationException("no provider yet");

    public async Task StartAsync()
    {
        if (ProviderSimPool.Enabled) (_pipeline, _sim) = await ProviderSimPool.Of(feature).TakeAsync("vnpt-invoice");
        else
        {
            _pipeline = await LocalPipeline.StartAsync();
            _sim = await ProviderSimServer.StartAsync(new ProfileCatalog(ProfileCatalog.DefaultFolder).Find("vnpt-invoice")!, _pipeline.ProviderApi);
            _own = true;
        }
        var handler = log.CreateHandler();
        handler.InnerHandler = new HttpClientHandler();
        _http = new HttpClient(handler) { BaseAddress = _sim.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public void Fault(string fault) => Sim.SetFault(fault, true);

    public PosJudge.Judgement Judge() => Sim.Judge();

    /// <summary>Sells <paramref name="quantity"/> × <paramref name="unitPrice"/> at 10% under <paramref name="fkey"/>, recovering as a good POS does.</summary>
    public async Task<Outcome> SellAsync(string fkey, int quantity, decimal unitPrice)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var (status, result, retryAfter) = await CallAsync("PublishService.asmx", "ImportAndPublishInvMTT", ("Account", "quay1admin"), ("ACpass", "secret"),
                ("xmlInvData", new XElement("DSHDon", Invoice(fkey, quantity, unitPrice)).ToString(SaveOptions.DisableFormatting)),
                ("username", "quay1service"), ("password", "secret"), ("pattern", "2/001"), ("serial", "C26MTT"), ("convert", "0"));
            Answers.Add(result ?? ((int)status).ToString(CultureInfo.InvariantCulture));
            if (result is { } r && Regex.Match(r, @"^OK:[^;]*;\w+-[^_]+_(?<no>\d+)_(?<code>\S+)$") is { Success: true } ok)
                return new Outcome(fkey, ok.Groups["no"].Value, ok.Groups["code"].Value, null);
            if (result is { } e && e.StartsWith("ERR:3", StringComparison.Ordinal)) return new Outcome(fkey, null, null, e); // the content: resending will not help
            if (result is { } down && down.StartsWith("ERR:5", StringComparison.Ordinal)) return new Outcome(fkey, null, null, down); // keep the sale, retry later
            if (status == HttpStatusCode.TooManyRequests) await Task.Delay(retryAfter ?? TimeSpan.FromSeconds(1));
            else await Task.Delay(TimeSpan.FromMilliseconds(300)); // a 5xx, an unreadable answer, ERR:13, ERR:1: back off
            if (await LookUpAsync(fkey) is { } found) return found with { Error = null }; // issued after all: do not send it again
        }
        return new Outcome(fkey, null, null, "gave up: " + string.Join(", ", Answers));
    }

    /// <summary>GetMCCQThueByFkeys: the invoice of the Fkey and its TThai, or null.</summary>
    public async Task<Outcome?> LookUpAsync(string fkey) => await StatusAsync(fkey) is { } hdon
        ? new Outcome(fkey, hdon.Element("SHDon")?.Value, hdon.Element("MCCQThue")?.Value, "TThai " + hdon.Element("TThai")?.Value)
        : null;

    public async Task<XElement?> StatusAsync(string fkey)
    {
        var (_, result, _) = await CallAsync("PublishService.asmx", "GetMCCQThueByFkeys", ("Account", "quay1admin"), ("ACpass", "secret"),
            ("username", "quay1service"), ("password", "secret"), ("pattern", "2/001"), ("fkeys", fkey));
        return result is null || result.StartsWith("ERR", StringComparison.Ordinal) ? null : XElement.Parse(result).Element("HDon");
    }

    public async Task<string?> CancelAsync(string fkey) => (await CallAsync("BusinessService.asmx", "cancelInv", ("Account", "quay1admin"),
        ("ACpass", "secret"), ("fkey", fkey), ("userName", "quay1service"), ("userPass", "secret"))).Result;

    private static XElement Invoice(string fkey, int quantity, decimal unitPrice)
    {
        var net = unitPrice * quantity;
        var tax = Math.Round(net * 0.10m, 0, MidpointRounding.AwayFromZero);
        return new XElement("HDon", new XElement("key", fkey),
            new XElement("DLHDon",
                new XElement("TTChung", new XElement("NLap", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new XElement("DVTTe", "VND"),
                    new XElement("TGia", 1), new XElement("HTTToan", "TM/CK")),
                new XElement("NDHDon", new XElement("NMua", new XElement("Ten", "Khách lẻ")),
                    new XElement("DSHHDVu", new XElement("HHDVu", new XElement("TChat", 1), new XElement("STT", 1), new XElement("THHDVu", "Cà phê sữa đá"),
                        new XElement("DVTinh", "Ly"), new XElement("SLuong", quantity), new XElement("DGia", unitPrice), new XElement("ThTien", net),
                        new XElement("TSuat", "10%"), new XElement("TThue", tax))),
                    new XElement("TToan", new XElement("TgTCThue", net), new XElement("TgTThue", tax), new XElement("TgTTTBSo", net + tax),
                        new XElement("TgTTTBChu", VietnameseAmountInWords.ToWords((long)(net + tax)))))));
    }

    /// <summary>One SOAP 1.1 call: the HTTP status, the method's result (null when the answer is not a readable envelope), Retry-After.</summary>
    private async Task<(HttpStatusCode Status, string? Result, TimeSpan? RetryAfter)> CallAsync(string service, string method, params (string Name, string Value)[] args)
    {
        var envelope = new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Soap.NamespaceName),
            new XElement(Soap + "Body", new XElement(Tempuri + method, args.Select(a => new XElement(Tempuri + a.Name, a.Value)))));
        using var request = new HttpRequestMessage(HttpMethod.Post, service)
        {
            Content = new StringContent(new XDeclaration("1.0", "utf-8", null) + envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "text/xml"),
        };
        request.Headers.Add("SOAPAction", $"\"http://tempuri.org/{method}\"");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        string? result = null;
        if (response.StatusCode == HttpStatusCode.OK)
            try
            {
                result = XDocument.Parse(text).Descendants().FirstOrDefault(e => e.Name.LocalName == method + "Result")?.Value;
            }
            catch (XmlException) { /* unreadable: the caller looks up and retries */ }
        return (response.StatusCode, result, response.Headers.RetryAfter?.Delta);
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_own && _sim is not null) await _sim.DisposeAsync();
        if (_own && _pipeline is not null) await _pipeline.DisposeAsync();
    }
}
