using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Features.Support;
using ConformanceKit.ProviderSim;

namespace ConformanceKit.Features.Drivers;

/// <summary>
/// A seller that builds and signs its own 206 and sends it to its T-VAN over XML: the <c>tvan-xml</c> profile of
/// <c>ck provider-sim</c> (src/ProviderSim/profiles/tvan-xml/README.md), started in-process once per feature with its own
/// authority simulator (<see cref="LocalPipeline"/>, shared and reset per scenario by <see cref="ProviderSimPool"/>).
/// </summary>
public sealed class SellerTvanDriver(HttpLog log, Reqnroll.FeatureContext feature) : IAsyncDisposable
{
    private const string Root = "api/services/hddtws/";
    private static readonly Lazy<X509Certificate2> SellerKey = new(() => SamplePackageBuilder.CreateCertificate());
    private LocalPipeline? _pipeline;
    private ProviderSimServer? _sim;
    private HttpClient? _http;
    private bool _own;

    public sealed record Answer(HttpStatusCode Status, string Body)
    {
        public XElement Xml => XDocument.Parse(Body).Root!;
    }

    public string MessageId { get; private set; } = "";

    public byte[] Package { get; set; } = [];

    public List<Answer> Answers { get; } = [];

    /// <summary>The shop's own TDiep 206 (MNGui = its MST, MNNhan = the T-VAN's MST, MTDiep = its MST + 32 hex).</summary>
    public void Build(int invoices, string? receiver = null, bool sign = true)
    {
        var package = SamplePackageBuilder.Build(new SamplePackageOptions
        {
            Invoices = invoices, FirstSerial = Random.Shared.NextInt64(1_000_000, 9_000_000_000), MessageGuid = Guid.NewGuid(),
        });
        MessageId = DemoData.TaxCode + Guid.NewGuid().ToString("N").ToUpperInvariant();
        package.Header.SenderCode = DemoData.TaxCode;
        package.Header.ReceiverCode = receiver ?? DemoData.TvanCode[1..];
        package.Header.MessageId = MessageId;
        var xml = MessageWriter.Write(package);
        Package = sign ? SamplePackageBuilder.Sign(xml, SellerKey.Value, DateTime.UtcNow) : xml;
    }

    private async Task<HttpClient> HttpAsync()
    {
        if (_http is not null) return _http;
        if (ProviderSimPool.Enabled)
            (_pipeline, _sim) = await ProviderSimPool.Of(feature).TakeAsync("tvan-xml"); // the feature's, reset (ProviderSimPool)
        else
        {
            _pipeline = await LocalPipeline.StartAsync();
            _sim = await ProviderSimServer.StartAsync(new ProfileCatalog(ProfileCatalog.DefaultFolder).Find("tvan-xml")!, _pipeline.ProviderApi,
                authority: _pipeline.Authority);
            _own = true;
        }
        var handler = log.CreateHandler();
        handler.InnerHandler = new HttpClientHandler();
        _http = new HttpClient(handler) { BaseAddress = _sim.Address, Timeout = TimeSpan.FromSeconds(30) };
        using var login = await _http.PostAsync(Root + "Authentication/GetTokenXML",
            new StringContent($"<GetTokenInput><UserName>{DemoData.TaxCode}</UserName><Password>secret</Password></GetTokenInput>", Encoding.UTF8, "application/xml"));
        var token = XDocument.Parse(await login.Content.ReadAsStringAsync()).Root!.Element("Token")!.Value;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _http;
    }

    public async Task SendAsync()
    {
        var http = await HttpAsync();
        var content = new ByteArrayContent(Package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var response = await http.PostAsync(Root + "TiepNhanThongDiep/TiepNhan", content);
        Answers.Add(new Answer(response.StatusCode, await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The T-VAN's look-up by the shop's MTDiep: (HTTP status, KetQuaTraCuu).</summary>
    public async Task<(HttpStatusCode Status, XElement Result)> LookUpAsync()
    {
        using var response = await (await HttpAsync()).GetAsync(Root + "TraCuuThongDiep/" + MessageId);
        return (response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!);
    }

    /// <summary>Looks up until <paramref name="done"/> holds (20 s at most); the last result.</summary>
    public async Task<XElement> LookUpUntilAsync(Func<XElement, bool> done, string what)
    {
        XElement last = new("none");
        var ok = await Eventually.TryUntilAsync(async () => done(last = (await LookUpAsync()).Result), TimeSpan.FromSeconds(20));
        Assert.True(ok, $"{what}: the look-up never showed it: {last}");
        return last;
    }

    public static string Field(XElement tdiep, string name) => tdiep.Element("TTChung")?.Element(name)?.Value ?? "";

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose(); // the pipeline and simulator are the feature's (ProviderSimPool stops them) unless started here
        if (_own && _sim is not null) await _sim.DisposeAsync();
        if (_own && _pipeline is not null) await _pipeline.DisposeAsync();
        _sim = null;
        _pipeline = null;
    }
}
