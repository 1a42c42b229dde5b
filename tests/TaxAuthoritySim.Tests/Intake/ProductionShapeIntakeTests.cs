using System.Net;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Intake;

/// <summary>What production senders send is taken and stored (LTBao 2); with an empty mandatory element it is refused, located.</summary>
public sealed class ProductionShapeIntakeTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    private readonly HttpClient _tvan = sim.Tvan();

    public static TheoryData<string> Shapes()
    {
        var data = new TheoryData<string>();
        foreach (var shape in ProductionShapes.All) data.Add(shape.Name);
        return data;
    }

    private static byte[] Build(string name, Action<Einvoice.Model.InvoicePackage>? change = null) =>
        ProductionShapes.Named(name)!.Build(Packages.Options(invoices: 3), Packages.DemoCertificate, Packages.SigningTime, change);

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_shape_seen_in_production_gets_LTBao_2_and_is_stored(string name)
    {
        var body = Build(name);
        var posted = await _tvan.PostMessageAsync(body);
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Equal(0, posted.Ack!.Status);
        var notice = await _tvan.NoticeAsync(Packages.IdOf(body));
        Assert.True(notice.Kind == 2, $"LTBao {notice.Kind}: {string.Join(", ", notice.Codes())}");
        using var stored = await sim.Admin().GetAsync($"/api/v1/invoices/{DemoData.TaxCode}/{Packages.CodesOf(body)[0]}");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        if (name == "web-pos")
        {
            // An empty buyer MST is an absent one, in the store as well.
            using var json = JsonDocument.Parse(await stored.Content.ReadAsStringAsync());
            Assert.Contains(json.RootElement.EnumerateObject(), p => p.Name == "buyerMst" && p.Value.ValueKind == JsonValueKind.Null);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task The_same_shape_with_an_empty_mandatory_element_is_rejected_with_3001_located(string name)
    {
        var body = Build(name, p => p.Invoices[1].Lines[0].ItemName = "");
        Assert.Equal(0, (await _tvan.PostMessageAsync(body)).Ack!.Status);
        var notice = await _tvan.NoticeAsync(Packages.IdOf(body));
        Assert.Equal(7, notice.Kind);
        var error = Assert.Single(notice.Errors!);
        Assert.Equal("3001", error.Code);
        Assert.Contains("/TDiep/DLieu/HDon[2]/DLHDon/NDHDon/DSHHDVu/HHDVu[1]/THHDVu", error.Note, StringComparison.Ordinal);
        Assert.Contains("dòng ", error.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_mandatory_envelope_element_is_still_a_1003_at_reception()
    {
        var body = Build("template-sender", p => p.Header.Version = "");
        var posted = await _tvan.PostMessageAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        var reason = Assert.Single(posted.Ack!.Reasons!);
        Assert.Equal("1003", reason.Code);
        Assert.Contains("/TDiep/TTChung/PBan", reason.Description, StringComparison.Ordinal);
    }
}
