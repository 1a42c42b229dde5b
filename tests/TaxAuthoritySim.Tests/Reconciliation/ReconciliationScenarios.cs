using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Reconciliation;

/// <summary>The monthly Step 2 (POST /admin/v1/reconciliation, 302) end to end, on SQLite and on PostgreSQL.</summary>
public abstract class ReconciliationScenarios(StoreKind kind) : SimulatorOnStore(kind)
{
    private const string OtherMst = "0100686209";
    private const string OtherBlock = "B7K9Q";


    [Fact]
    public async Task Step_2_finds_8001_to_8006_and_sends_each_taxpayer_a_signed_302()
    {
        var admin = Sim.Admin();
        var tvan = Sim.Tvan();

        // A second taxpayer, accepted 2025-06-01 for forms 1 and 2 while its invoices are sent …
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/admin/v1/seed", OtherTaxpayer("2025-06-01", [1, 2]))).StatusCode);
        var other = SamplePackageBuilder.CreateCertificate(OtherMst, "Cửa hàng D");
        var early = Packages.Signed(Packages.Options(invoices: 1, mst: OtherMst, block: OtherBlock) with { SellerName = "Cửa hàng D" },
            certificate: other);
        var form2 = Packages.Signed(Packages.Options(invoices: 1, mst: OtherMst, block: OtherBlock) with
        {
            SellerName = "Cửa hàng D", SalesInvoiceEvery = 1, IssueDate = new DateOnly(2025, 6, 25),
        }, certificate: other);

        // 8003: same SHDon (serial mod 10^8) in the same series, different MCCQT: step 1 takes both.
        var first = Packages.Options(invoices: 1);
        var one = Packages.Signed(first);
        var again = Packages.Signed(Packages.Options(invoices: 1) with { FirstSerial = first.FirstSerial + 100_000_000 });

        // 8004 / 8005: [0] original, [1] adjusts [0], [2] replaces the adjustment [1], [3] adjusts the adjustment [1].
        var chain = Packages.Signed(Packages.Options(invoices: 4) with { SalesInvoiceEvery = 0 }, change: p =>
        {
            p.Invoices[1].General.RelatedInvoice = RelatedTo(p.Invoices[0], 2);
            p.Invoices[2].General.RelatedInvoice = RelatedTo(p.Invoices[1], 1);
            p.Invoices[3].General.RelatedInvoice = RelatedTo(p.Invoices[1], 2);
        });

        foreach (var body in new[] { early, form2, one, again, chain })
        {
            Assert.Equal(0, (await tvan.PostMessageAsync(body)).Ack!.Status);
            var notice = await tvan.NoticeAsync(Packages.IdOf(body));
            Assert.True(notice.Kind == 2, string.Join("; ", (notice.Errors ?? []).Select(e => e.Code + " " + e.Text + " " + e.Note)));
        }

        // … then its registration is changed: accepted only from 2025-06-20, form 1 only.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/admin/v1/seed", OtherTaxpayer("2025-06-20", [1]))).StatusCode);

        var response = await admin.PostAsJsonAsync("/admin/v1/reconciliation", new { month = "2025-06" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2025-06", result.GetProperty("month").GetString());
        Assert.Equal(8, result.GetProperty("invoicesChecked").GetInt32());
        Assert.Equal(2, result.GetProperty("taxpayersWithFindings").GetInt32());

        var findings = result.GetProperty("findings").EnumerateArray()
            .Select(f => (Code: f.GetProperty("code").GetString()!, Mst: f.GetProperty("mst").GetString()!,
                Invoice: f.GetProperty("invoiceCode").GetString()!, Number: f.GetProperty("number").GetString()!,
                Message: f.GetProperty("message").GetString()!))
            .ToList();
        string[] CodesOf(string invoice) => [.. findings.Where(f => f.Invoice == invoice).Select(f => f.Code)];
        var chainCodes = Packages.CodesOf(chain);
        Assert.Equal(["8001"], CodesOf(Packages.CodesOf(early)[0]));
        Assert.Equal(["8002"], CodesOf(Packages.CodesOf(form2)[0]));
        Assert.Equal(["8003"], CodesOf(Packages.CodesOf(one)[0]));
        Assert.Equal(["8003"], CodesOf(Packages.CodesOf(again)[0]));
        Assert.Empty(CodesOf(chainCodes[0]));
        Assert.Equal(["8006"], CodesOf(chainCodes[1])); // replaced by [2], and no 04/SS-HĐĐT for it
        Assert.Equal(["8004"], CodesOf(chainCodes[2]));
        Assert.Equal(["8005", "8005"], CodesOf(chainCodes[3])); // adjusts an adjustment, which [2] already replaced
        Assert.Equal(8, findings.Count);
        Assert.All(findings, f => Assert.Contains(" / ", f.Message));
        Assert.StartsWith("Số hóa đơn bị trùng", findings.First(f => f.Code == "8003").Message);
        Assert.All(findings.Where(f => f.Code is "8001" or "8002"), f => Assert.Equal(OtherMst, f.Mst));

        var notices = result.GetProperty("notices").EnumerateArray().ToList();
        Assert.Equal(2, notices.Count);
        var demoNotice = notices.Single(n => n.GetProperty("mst").GetString() == DemoData.TaxCode);
        // The 302 answers the package that carried the taxpayer's first flagged invoice (by form, series, number).
        Assert.Equal(Packages.IdOf(one), demoNotice.GetProperty("replyTo").GetString());
        var otherNotice = notices.Single(n => n.GetProperty("mst").GetString() == OtherMst);
        Assert.Equal(Packages.IdOf(early), otherNotice.GetProperty("replyTo").GetString());

        // The 302 is in the responses of that package, signed by the authority.
        var bytes = await tvan.WaitForAsync(Packages.IdOf(one), "302");
        Assert.True(XmlSignatureVerifier.VerifyNotice(SafeXml.LoadDocument(bytes)).IsValid);
        AssertSchemaValid(bytes);
        var review = MessageReader.Read<ReviewNotice>(bytes);
        Assert.Equal(demoNotice.GetProperty("messageId").GetString(), review.Header.MessageId);
        Assert.Equal(Packages.IdOf(one), review.Header.ReplyToId);
        Assert.Equal(DemoData.TaxCode, review.TaxCode);
        Assert.Equal("01/TB-RSĐT", review.FormNumber);
        Assert.Equal(review.NoticeDate!.Value.AddDays(10), review.Deadline);
        Assert.Equal(
            [Packages.CodesOf(one)[0], Packages.CodesOf(again)[0], chainCodes[1], chainCodes[2], chainCodes[3]],
            review.Invoices.Select(i => i.Code));
        Assert.Equal([1, 2, 3, 4, 5], review.Invoices.Select(i => i.Index!.Value));
        Assert.Equal(["8006"], review.Invoices[2].Reasons!.Select(r => r.Code));
        Assert.Equal(["8005", "8005"], review.Invoices[4].Reasons!.Select(r => r.Code));

        // … and in the T-VAN's inbox, the other taxpayer's 302 too.
        var inbox = SimClient.Split(await (await tvan.GetAsync("/api/v1/inbox?after=0")).Content.ReadAsByteArrayAsync());
        var reviews = inbox.Where(m => SimClient.TypeOf(m) == "302").Select(m => MessageReader.Read<ReviewNotice>(m)).ToList();
        Assert.Equal(2, reviews.Count);
        var otherReview = reviews.Single(r => r.TaxCode == OtherMst);
        Assert.Equal([Packages.CodesOf(early)[0], Packages.CodesOf(form2)[0]], otherReview.Invoices.Select(i => i.Code));

        var journal = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/journal?type=302");
        Assert.Equal(2, JournalLines(journal).Count());
    }

    [Fact]
    public async Task A_clean_month_has_no_findings_and_sends_nothing_and_a_bad_month_is_400()
    {
        var admin = Sim.Admin();
        var tvan = Sim.Tvan();
        var body = Packages.Signed(Packages.Options(invoices: 5));
        await tvan.PostMessageAsync(body);
        Assert.Equal(2, (await tvan.NoticeAsync(Packages.IdOf(body))).Kind);

        var june = await (await admin.PostAsJsonAsync("/admin/v1/reconciliation", new { month = "2025-06" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, june.GetProperty("invoicesChecked").GetInt32());
        Assert.Equal(0, june.GetProperty("taxpayersWithFindings").GetInt32());
        Assert.Empty(june.GetProperty("findings").EnumerateArray());
        Assert.Empty(june.GetProperty("notices").EnumerateArray());

        var may = await (await admin.PostAsJsonAsync("/admin/v1/reconciliation", new { month = "2025-05" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, may.GetProperty("invoicesChecked").GetInt32());
        Assert.DoesNotContain(await tvan.ResponsesAsync(Packages.IdOf(body)), r => SimClient.TypeOf(r) == "302");

        foreach (var bad in new object[] { new { month = "2025-13" }, new { month = "2025-6" }, new { month = "June" }, new { } })
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/admin/v1/reconciliation", bad)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Sim.CreateClient().PostAsJsonAsync("/admin/v1/reconciliation", new { month = "2025-06" })).StatusCode);
    }

    private static void AssertSchemaValid(byte[] message)
    {
        var doc = SafeXml.LoadDocument(message);
        doc.Schemas = ConformanceKit.Einvoice.Schemas.SchemaCatalog.For("302")!;
        var problems = new List<string>();
        doc.Validate((_, e) => problems.Add(e.Message));
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    private static IEnumerable<JsonElement> JournalLines(JsonElement journal) =>
        journal.ValueKind == JsonValueKind.Array ? journal.EnumerateArray()
        : journal.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value.EnumerateArray();

    private static object OtherTaxpayer(string acceptedOn, int[] forms) => new
    {
        taxpayers = new object[]
        {
            new
            {
                mst = OtherMst, name = "Cửa hàng D", status = "00",
                cashRegister = new { acceptedOn, forms, codeBlocks = new[] { OtherBlock } },
            },
        },
    };

    private static RelatedInvoice RelatedTo(CashRegisterInvoice invoice, int kind) => new()
    {
        Kind = kind,
        RelatedKind = 1,
        FormNumber = invoice.General.FormNumber,
        Series = invoice.General.Series,
        Number = invoice.General.Number,
        IssueDate = invoice.General.IssueDate,
        Note = kind == 1 ? "Thay thế hóa đơn" : "Điều chỉnh hóa đơn",
    };
}

public sealed class SqliteReconciliation() : ReconciliationScenarios(StoreKind.Sqlite);

public sealed class PostgresReconciliation() : ReconciliationScenarios(StoreKind.Postgres);
