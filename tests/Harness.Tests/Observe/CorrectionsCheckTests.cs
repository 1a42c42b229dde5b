using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Harness.Observe;
using ConformanceKit.Harness.Reports;
using static ConformanceKit.Einvoice.Samples.SampleErroneousNoticeBuilder;

namespace ConformanceKit.Harness.Tests.Observe;

/// <summary>
/// OBS-CORRECTIONS on real traffic: replacements, adjustments and Form 04/SS-HĐĐT (303) sent to a simulator served for
/// real, then observed. Each test has its own simulated day (and so its own serials).
/// </summary>
public sealed class CorrectionsCheckTests(ObservedSimulator sim) : IClassFixture<ObservedSimulator>
{
    [Fact]
    public async Task A_replacement_with_its_04SS_and_adjustments_of_an_untouched_invoice_pass_with_no_finding()
    {
        var day = await StartDayAsync(new DateOnly(2025, 8, 1));
        var original = ObservedSimulator.Package(day, 1);
        await sim.SendAsync(original);
        var a = Invoices(original);
        await sim.SendAsync(ObservedSimulator.Package(day, 4, invoices: 1, change: p => Relate(p.Invoices[0], a[0], 1)));
        var notice = await SendNoticeAsync(day, new Entry(a[0], Correction.Replace, "Thay thế do sai tên người mua"), new Entry(a[1], Correction.Explain));
        await sim.SendAsync(ObservedSimulator.Package(day, 5, invoices: 2, change: p =>
        {
            Relate(p.Invoices[0], a[1], 2);
            Relate(p.Invoices[1], a[1], 2); // adjusting one invoice twice is allowed
        }));

        var report = await ObserveDayAsync(day);

        var check = Case(report, CorrectionsCheck.Id);
        Assert.Equal(CaseOutcome.Passed, check.Outcome);
        Assert.Empty(check.Findings);
        Assert.Contains("1 Form 04/SS-HĐĐT (303, 2 invoice(s))", check.Expected);
        Assert.Contains("1 replacement(s)", check.Expected);
        var observation = await CollectDayAsync(day);
        var seen = Assert.Single(observation.ErroneousNotices);
        Assert.Equal(notice, seen.MessageId);
        Assert.Equal([1, 1], seen.Reply!.Invoices.Select(v => v.Accepted));
    }

    [Fact]
    public async Task A_replacement_without_04SS_a_refused_cancel_and_a_broken_chain_in_one_package_are_errors()
    {
        var day = await StartDayAsync(new DateOnly(2025, 8, 2));
        var original = ObservedSimulator.Package(day, 1);
        var first = await sim.SendAsync(original);
        var a = Invoices(original);
        var replacement = await sim.SendAsync(ObservedSimulator.Package(day, 4, invoices: 1, change: p => Relate(p.Invoices[0], a[0], 1)));
        await SendNoticeAsync(day, new Entry(a[1], Correction.Cancel, "Hủy do nhập sai đơn giá"));
        var again = await SendNoticeAsync(day, new Entry(a[1], Correction.Cancel, "Hủy lần hai"));
        // One package: invoice 2 adjusts invoice 1, invoice 3 replaces invoice 2 (Step 1 cannot see it: nothing is stored yet).
        var chain = ObservedSimulator.Package(day, 5, change: p =>
        {
            Relate(p.Invoices[1], p.Invoices[0], 2);
            Relate(p.Invoices[2], p.Invoices[1], 1);
        });
        var chainId = await sim.SendAsync(chain);
        var c = Invoices(chain);

        var report = await ObserveDayAsync(day);

        var check = Case(report, CorrectionsCheck.Id);
        Assert.Equal(CaseOutcome.Failed, check.Outcome);
        Assert.Equal(
        [
            (FindingSeverity.Error, "9103", again, a[1].Code, "/TDiep/DLieu/TBao/DLTBao/DSHDon/HDon[1]"),
            (FindingSeverity.Error, CorrectionsCheck.Chain, chainId, c[2].Code, "/TDiep/DLieu/HDon[3]/DLHDon/TTChung/TTHDLQuan"),
            (FindingSeverity.Error, CorrectionsCheck.NoNotice, replacement, a[0].Code, null),
            (FindingSeverity.Error, CorrectionsCheck.NoNotice, chainId, c[1].Code, null),
        ], check.Findings.Select(Key));
        Assert.Contains("which is itself an adjustment invoice", check.Findings[1].Message);
        Assert.Contains($"is replaced by {ObservedSimulator.Code(day, 4)}", check.Findings[2].Message);
        Assert.Contains(check.Exchanges, e => e.Step == "responses " + again);
        Assert.NotEqual(first, replacement);
    }

    [Fact]
    public async Task A_303_whose_301_was_dropped_is_unanswered()
    {
        var day = await StartDayAsync(new DateOnly(2025, 8, 3));
        var original = ObservedSimulator.Package(day, 1, invoices: 1);
        await sim.SendAsync(original);
        await sim.AddFaultAsync(new { action = "Drop204", mst = DemoData.TaxCode, messageType = "303", firstN = 1 });
        var dropped = await SendNoticeAsync(day, new Entry(Invoices(original)[0], Correction.Explain));

        var report = await ObserveDayAsync(day);

        var finding = Assert.Single(Case(report, CorrectionsCheck.Id).Findings);
        Assert.Equal((FindingSeverity.Error, CorrectionsCheck.Unanswered, dropped, null, null), Key(finding));
        Assert.Contains("has no 301", finding.Message);
    }

    private static List<CashRegisterInvoice> Invoices(byte[] package) => MessageReader.Read<InvoicePackage>(package).Invoices;

    private static void Relate(CashRegisterInvoice invoice, CashRegisterInvoice target, int kind) =>
        invoice.General.RelatedInvoice = new RelatedInvoice
        {
            Kind = kind, RelatedKind = 1, FormNumber = target.General.FormNumber, Series = target.General.Series,
            Number = target.General.Number, IssueDate = target.General.IssueDate,
        };

    /// <summary>Posts a signed 303 of the demo shop and waits for the journal's 301 line answering it.</summary>
    private async Task<string> SendNoticeAsync(DateOnly day, params Entry[] entries)
    {
        var body = Sign(MessageWriter.Write(Build(entries, noticeDate: day)), ObservedSimulator.Certificate, day.ToDateTime(new TimeOnly(8, 0)));
        Assert.Equal((HttpStatusCode.OK, 0), await sim.PostAsync(body));
        var id = ObservedSimulator.IdOf(body);
        using var admin = sim.Admin();
        await Eventually.UntilAsync(async () =>
        {
            var json = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/journal?mst={DemoData.TaxCode}&type=301&limit=10000");
            return json.GetProperty("entries").EnumerateArray().Any(e => e.GetProperty("replyTo").GetString() == id);
        }, $"{id} was answered");
        return id;
    }

    private async Task<DateOnly> StartDayAsync(DateOnly day)
    {
        await sim.SetClockAsync(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), ObservedSimulator.Gmt7));
        return day;
    }

    private ObserveWindow Window(DateOnly day) =>
        new(sim.BaseAddress, DemoData.TaxCode, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ObservedSimulator.Gmt7),
            new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), ObservedSimulator.Gmt7));

    private async Task<RunReport> ObserveDayAsync(DateOnly day)
    {
        using var http = sim.Client();
        return await new Observer(new SimulatorAdminClient(http, DemoData.AdminKey)).ObserveAsync(Window(day), default);
    }

    private async Task<Observation> CollectDayAsync(DateOnly day)
    {
        using var http = sim.Client();
        return await new ObservationCollector(new SimulatorAdminClient(http, DemoData.AdminKey)).CollectAsync(Window(day), default);
    }

    private static CaseReport Case(RunReport report, string id) => report.Cases.Single(c => c.Id == id);

    private static (FindingSeverity, string?, string?, string?, string?) Key(Finding f) => (f.Severity, f.Code, f.MessageId, f.Invoice, f.Location);
}
