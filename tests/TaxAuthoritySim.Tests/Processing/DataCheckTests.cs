using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Processing;

/// <summary>The seven checks of Decision 1391 step 1 (and 2004): each failure gives its code in a 204 LTBao 7.</summary>
public sealed class DataCheckTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    private readonly HttpClient _tvan = sim.Tvan();

    private async Task<DataCheckNotice> Check(byte[] body)
    {
        var posted = await _tvan.PostMessageAsync(body);
        Assert.Equal(0, posted.Ack!.Status);
        return await _tvan.NoticeAsync(Packages.IdOf(body));
    }

    [Fact]
    public async Task A_valid_package_gets_LTBao_2_signed_by_the_authority_and_its_invoices_are_stored()
    {
        var body = Packages.Signed(Packages.Options(invoices: 5));
        var notice = await Check(body);
        Assert.Equal(2, notice.Kind);
        Assert.Null(notice.Errors);
        Assert.Equal("01/TB-KTDL", notice.FormNumber);
        Assert.Equal(Packages.IdOf(body), notice.TransactionId);
        Assert.Equal(DemoData.TaxCode, notice.TaxCode);
        Assert.Equal(5, notice.Count);

        var raw = await _tvan.WaitForAsync(Packages.IdOf(body));
        var signature = XmlSignatureVerifier.VerifyNotice(Einvoice.Xml.SafeXml.LoadDocument(raw));
        Assert.True(signature.IsValid, string.Join("; ", signature.Problems));
        var pem = await sim.CreateClient().GetStringAsync("/api/v1/certificate");
        using var authority = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
        Assert.Equal(authority.Thumbprint, signature.Certificate!.Thumbprint);

        foreach (var code in Packages.CodesOf(body))
        {
            var lookup = await sim.Tvan().GetAsync($"/api/v1/invoices/{DemoData.TaxCode}/{code}");
            Assert.Equal(System.Net.HttpStatusCode.OK, lookup.StatusCode);
            var text = await lookup.Content.ReadAsStringAsync();
            Assert.Contains(code, text);
            Assert.Contains("<HDon", text);
        }
    }

    [Fact]
    public async Task Unknown_MST_is_2001()
    {
        var options = Packages.Options(mst: "0309478306");
        var notice = await Check(Packages.Signed(options, certificate: SamplePackageBuilder.CreateCertificate("0309478306")));
        Assert.Equal(7, notice.Kind);
        Assert.Contains("2001", notice.Codes());
    }

    [Fact]
    public async Task A_stopped_inactive_taxpayer_gets_2002_and_2003_together()
    {
        var options = Packages.Options(mst: "0401486901", block: "C3D4E");
        var notice = await Check(Packages.Signed(options, certificate: SamplePackageBuilder.CreateCertificate("0401486901")));
        Assert.Contains("2002", notice.Codes());
        Assert.Contains("2003", notice.Codes());
        Assert.Contains("01", notice.Errors!.First(e => e.Code == "2002").Text);
    }

    [Fact]
    public async Task No_cash_register_registration_is_2004()
    {
        var options = Packages.Options(mst: "0301521415");
        var notice = await Check(Packages.Signed(options, certificate: SamplePackageBuilder.CreateCertificate("0301521415")));
        Assert.Contains("2004", notice.Codes());
    }

    [Fact]
    public async Task Schema_violations_are_3001_with_line_column_and_path()
    {
        var body = Packages.Signed(change: p => p.Invoices[1].General.Number = "12345678901234567890");
        var notice = await Check(body);
        var error = Assert.Single(notice.Errors!, e => e.Code == "3001");
        Assert.Matches(@"HDon 2 \(M\d-\d\d-A1B2C-\d{11}\); dòng \d+:\d+; /TDiep/DLieu/HDon\[2\]/DLHDon/TTChung/SHDon", error.Note);
        Assert.False(string.IsNullOrWhiteSpace(error.Action));
    }

    [Fact]
    public async Task Seller_MST_different_from_the_envelope_is_3002()
    {
        var notice = await Check(Packages.Signed(change: p => p.Invoices[0].Seller.TaxCode = "0301521415"));
        Assert.Contains("3002", notice.Codes());
    }

    [Fact]
    public async Task Series_not_M_is_3003()
    {
        var notice = await Check(Packages.Signed(change: p => p.Invoices[0].General.Series = "C25TAA"));
        Assert.Contains("3003", notice.Codes());
    }

    [Fact]
    public async Task Unsigned_package_is_4001_and_tampered_is_4002()
    {
        Assert.Contains("4001", (await Check(Packages.Unsigned())).Codes());
        var tampered = Packages.Replace(Packages.Signed(), "<Ten>Cửa hàng A</Ten>", "<Ten>Cửa hàng B</Ten>");
        Assert.Equal(["4002"], (await Check(tampered)).Codes());
    }

    [Fact]
    public async Task Certificate_of_another_taxpayer_is_4003()
    {
        var notice = await Check(Packages.Signed(certificate: SamplePackageBuilder.CreateCertificate("0301521415")));
        Assert.Equal(["4003"], notice.Codes());
    }

    [Fact]
    public async Task Certificate_expired_at_signing_time_is_4004()
    {
        var cert = TestCertificates.CreateSelfSigned("Cửa hàng A", DemoData.TaxCode,
            new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)), new DateTimeOffset(2024, 12, 31, 0, 0, 0, TimeSpan.FromHours(7)));
        var notice = await Check(Packages.Signed(certificate: cert));
        Assert.Equal(["4004"], notice.Codes());
    }

    [Fact]
    public async Task Count_different_from_SLuong_is_6001()
    {
        var notice = await Check(Packages.Signed(change: p => p.Header.Count = 4));
        Assert.Equal(["6001"], notice.Codes());
    }

    [Fact]
    public async Task Code_problems_are_7001_7002_7003_7004_and_7006_each_located()
    {
        var body = Packages.Signed(Packages.Options(invoices: 6), change: p =>
        {
            p.Invoices[0].Code = "M1-25-A1B2C-123";                 // 7001
            p.Invoices[1].Code = p.Invoices[1].Code!.Replace("A1B2C", "ZZZZZ"); // 7002
            p.Invoices[2].Code = p.Invoices[2].Code!.Replace("-25-", "-24-");   // 7003
            p.Invoices[4].Code = p.Invoices[5].Code;                 // 7006
        });
        var notice = await Check(body);
        var codes = notice.Codes();
        foreach (var expected in new[] { "7001", "7002", "7003", "7006" }) Assert.Contains(expected, codes);
        Assert.Contains(notice.Errors!, e => e.Code == "7002" && e.Note!.StartsWith("HDon 2", StringComparison.Ordinal));
        Assert.Contains(notice.Errors!, e => e.Code == "7003" && e.Note!.StartsWith("HDon 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_code_stored_before_is_7005_and_nothing_of_the_second_package_is_stored()
    {
        var options = Packages.Options();
        var first = Packages.Signed(options);
        Assert.Equal(2, (await Check(first)).Kind);
        var again = Packages.Signed(options with { MessageGuid = Guid.NewGuid() });
        var notice = await Check(again);
        Assert.Equal(["7005"], notice.Codes());
        Assert.Equal(3, notice.Errors!.Count);
        var lookup = await sim.Tvan().GetStringAsync($"/api/v1/invoices/{DemoData.TaxCode}/{Packages.CodesOf(first)[0]}");
        Assert.Contains(Packages.IdOf(first), lookup);
    }

    [Fact]
    public async Task An_invalid_package_stores_nothing()
    {
        var body = Packages.Signed(change: p => p.Header.Count = 9);
        Assert.Equal(7, (await Check(body)).Kind);
        foreach (var code in Packages.CodesOf(body))
            Assert.Equal(System.Net.HttpStatusCode.NotFound,
                (await sim.Tvan().GetAsync($"/api/v1/invoices/{DemoData.TaxCode}/{code}")).StatusCode);
    }

    [Fact]
    public async Task Every_failure_is_listed_not_only_the_first()
    {
        var body = Packages.Replace(Packages.Signed(change: p =>
        {
            p.Header.Count = 2;
            p.Invoices[0].General.Series = "C25TAA";
        }), "<Ten>Cửa hàng A</Ten>", "<Ten>Cửa hàng B</Ten>");
        var codes = (await Check(body)).Codes();
        Assert.Contains("6001", codes);
        Assert.Contains("3003", codes);
    }
}
