using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.TaxAuthoritySim.Hosting;

namespace ConformanceKit.TestSupport;

/// <summary>
/// The simulator served for real (Kestrel on a free loopback port) with its own data folder, playing the part of the
/// simulator a vendor's system sends to; the tests make the vendor's traffic as a T-VAN would. One per test class.
/// </summary>
public sealed class ObservedSimulator : IAsyncLifetime
{
    public static readonly TimeSpan Gmt7 = TimeSpan.FromHours(7);
    public static readonly X509Certificate2 Certificate = SamplePackageBuilder.CreateCertificate();
    private InProcessSimulator? _simulator;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ck-observe-tests", Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _simulator = await InProcessSimulator.StartAsync(DataDirectory);
        BaseAddress = _simulator.Address;
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Admin()
    {
        var client = Client();
        client.DefaultRequestHeaders.Add("X-Admin-Key", DemoData.AdminKey);
        return client;
    }

    public HttpClient Tvan()
    {
        var client = Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", DemoData.TvanApiKey);
        return client;
    }

    /// <summary>Sets the simulated clock (running at real speed from there).</summary>
    public async Task SetClockAsync(DateTimeOffset now)
    {
        using var admin = Admin();
        using var response = await admin.PutAsJsonAsync("/admin/v1/clock", new { now, rate = 1.0 });
        response.EnsureSuccessStatusCode();
    }

    public async Task AddFaultAsync(object rule)
    {
        using var admin = Admin();
        using var response = await admin.PostAsJsonAsync("/admin/v1/faults", rule);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>
    /// The <paramref name="n"/>th serial of a test's day: codes are unique across the simulator, so each day (one test)
    /// has its own range.
    /// </summary>
    public static long Serial(DateOnly day, long n) => (day.Month * 100 + day.Day) * 1000L + n;

    /// <summary>
    /// A signed package of the demo taxpayer issued on <paramref name="day"/>, its invoices numbered from the day's
    /// <paramref name="first"/>th serial; fresh MTDiep unless given.
    /// </summary>
    public static byte[] Package(DateOnly day, long first, int invoices = 3, Guid? guid = null, Action<InvoicePackage>? change = null)
    {
        var package = SamplePackageBuilder.Build(new SamplePackageOptions
        {
            Invoices = invoices, FirstSerial = Serial(day, first), MessageGuid = guid ?? Guid.NewGuid(), IssueDate = day, SalesInvoiceEvery = 0,
        });
        change?.Invoke(package);
        return SamplePackageBuilder.Sign(MessageWriter.Write(package), Certificate, day.ToDateTime(new TimeOnly(8, 0)));
    }

    public static string IdOf(byte[] body) => MessageReader.Read(body).Header.MessageId!;

    /// <summary>The code of the day's <paramref name="n"/>th serial (form 1).</summary>
    public static string Code(DateOnly day, long n) => $"M1-{day.Year % 100:D2}-{DemoData.CodeBlock}-{Serial(day, n):D11}";

    /// <summary>Posts a message as the demo T-VAN: the HTTP status and the 999's TTTNhan.</summary>
    public async Task<(HttpStatusCode Status, int? TTTNhan)> PostAsync(byte[] body)
    {
        using var tvan = Tvan();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var response = await tvan.PostAsync("/api/v1/messages", content);
        var ack = MessageReader.Read<TechnicalAck>(await response.Content.ReadAsByteArrayAsync());
        return (response.StatusCode, ack.Status);
    }

    /// <summary>Posts a package that must be taken and waits until the simulator has processed it (its 204 journal line).</summary>
    public async Task<string> SendAsync(byte[] body)
    {
        var (status, taken) = await PostAsync(body);
        Assert.True(status == HttpStatusCode.OK && taken == 0, $"the package was not taken: HTTP {(int)status}, TTTNhan {taken}");
        var id = IdOf(body);
        await ProcessedAsync(id);
        return id;
    }

    /// <summary>Waits (real time) for the journal's "out 204" line answering <paramref name="messageId"/>.</summary>
    public async Task ProcessedAsync(string messageId)
    {
        using var admin = Admin();
        await Eventually.UntilAsync(async () =>
        {
            var json = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/journal?mst={DemoData.TaxCode}&type=204&limit=10000");
            return json.GetProperty("entries").EnumerateArray().Any(e => e.GetProperty("replyTo").GetString() == messageId);
        }, $"{messageId} was processed");
    }

    public async Task DisposeAsync()
    {
        if (_simulator is not null) await _simulator.DisposeAsync();
        TestFolder.Delete(DataDirectory);
    }
}
