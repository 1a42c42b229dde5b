using System.Net;
using System.Net.Http.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using static ConformanceKit.Einvoice.Samples.SampleErroneousNoticeBuilder;

namespace ConformanceKit.TaxAuthoritySim.Tests.Corrections;

/// <summary>A 303 (Form 04/SS-HĐĐT) end to end: 999 at once, then a signed 301 with one verdict per invoice.</summary>
public abstract class ErroneousNoticeScenarios(StoreKind kind) : SimulatorOnStore(kind)
{
    private const string OtherMst = "0100686209";
    private const string OtherBlock = "B7K9Q";

    [Fact]
    public async Task A_cancel_is_accepted_once_and_then_the_invoice_is_cancelled()
    {
        var tvan = Sim.Tvan();
        var package = await tvan.StoredAsync(Packages.Signed(Packages.Options(invoices: 2) with { SalesInvoiceEvery = 0 }));
        var invoices = Packages.Read(package).Invoices;

        var first = await tvan.ReplyAsync(Support.Corrections.Notice(
            [new(invoices[0], Correction.Cancel, "Hủy do nhập sai giá"), new(invoices[1], Correction.Explain, "Giải trình sai tên hàng")]));
        Assert.Equal([1, 1], first.Invoices.Select(i => i.Accepted!.Value));
        Assert.Equal([1, 4], first.Invoices.Select(i => i.Action!.Value));
        Assert.Equal([invoices[0].Code, invoices[1].Code], first.Invoices.Select(i => i.Code));
        Assert.Equal("01/TB-HĐSS", first.FormNumber);
        Assert.All(first.Invoices, i => Assert.Null(i.Reasons));

        // Cancelled: a second cancel is 9103; adjusting or replacing it is forbidden by the chain rules (9104).
        var second = await tvan.ReplyAsync(Support.Corrections.Notice(
        [
            new(invoices[0], Correction.Cancel, "Hủy lần nữa"), new(invoices[0], Correction.Adjust, "Điều chỉnh"),
            new(invoices[0], Correction.Replace, "Thay thế"), new(invoices[0], Correction.Explain, "Giải trình"),
        ]));
        Assert.Equal([2, 2, 2, 1], second.Invoices.Select(i => i.Accepted!.Value));
        Assert.Equal(["9103"], second.CodesOf(0));
        Assert.Equal(["9104"], second.CodesOf(1));
        Assert.Equal(["9104"], second.CodesOf(2));
        Assert.StartsWith("Hóa đơn đã bị hủy trước đó / ", second.Invoices[0].Reasons![0].Description);

        // Two cancels of one invoice in one notice: the first is accepted, the second is 9103.
        var more = await tvan.StoredAsync(Support.Corrections.Invoice());
        var twice = await tvan.ReplyAsync(Support.Corrections.Notice(
            [new(Support.Corrections.Of(more), Correction.Cancel, "Hủy"), new(Support.Corrections.Of(more), Correction.Cancel, "Hủy")]));
        Assert.Equal([1, 2], twice.Invoices.Select(i => i.Accepted!.Value));
        Assert.Equal(["9103"], twice.CodesOf(1));
    }

    [Fact]
    public async Task Each_not_accepted_reason_is_given_for_its_invoice_only()
    {
        var tvan = Sim.Tvan();
        var admin = Sim.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/admin/v1/seed", new
        {
            taxpayers = new object[] { new { mst = OtherMst, name = "Cửa hàng D", status = "00",
                cashRegister = new { acceptedOn = "2025-06-01", forms = new[] { 1, 2 }, codeBlocks = new[] { OtherBlock } } } },
        })).StatusCode);
        var others = await tvan.StoredAsync(Support.Corrections.Invoice(mst: OtherMst, block: OtherBlock,
            certificate: SamplePackageBuilder.CreateCertificate(OtherMst, "Cửa hàng D")));

        var fine = Support.Corrections.Of(await tvan.StoredAsync(Support.Corrections.Invoice()));
        var unknown = Support.Corrections.Of(Packages.Unsigned(Packages.Options(invoices: 1) with { SalesInvoiceEvery = 0 })); // never sent
        var noReason = Support.Corrections.Of(await tvan.StoredAsync(Support.Corrections.Invoice()));
        var mismatched = Support.Corrections.Of(await tvan.StoredAsync(Support.Corrections.Invoice()));
        var replaced = Support.Corrections.Of(await tvan.StoredAsync(Support.Corrections.Invoice()));
        await tvan.StoredAsync(Support.Corrections.Invoice(replaced, 1));
        var adjusted = Support.Corrections.Of(await tvan.StoredAsync(Support.Corrections.Invoice()));
        await tvan.StoredAsync(Support.Corrections.Invoice(adjusted, 2));

        var reply = await tvan.ReplyAsync(Support.Corrections.Notice(
        [
            new(fine, Correction.Adjust, "Điều chỉnh giảm"),
            new(unknown, Correction.Cancel, "Hủy"),
            new(Support.Corrections.Of(others), Correction.Cancel, "Hủy"),
            new(noReason, Correction.Cancel, null),
            new(mismatched, Correction.Explain, "Giải trình"),
            new(replaced, Correction.Cancel, "Hủy"),
            new(replaced, Correction.Replace, "Đã lập hóa đơn thay thế"), // the 04/SS may follow the replacement
            new(adjusted, Correction.Replace, "Thay thế"),
        ], n => n.Invoices[4].Number = "99999999"));

        Assert.Equal([1, 2, 2, 2, 2, 2, 1, 2], reply.Invoices.Select(i => i.Accepted!.Value));
        Assert.Empty(reply.CodesOf(0));
        Assert.Equal(["9101"], reply.CodesOf(1));
        Assert.Equal(["9102"], reply.CodesOf(2));
        Assert.Equal(["9105"], reply.CodesOf(3));
        Assert.Equal(["9106"], reply.CodesOf(4));
        Assert.Equal(["9104"], reply.CodesOf(5));
        Assert.Contains("already replaced by", reply.Invoices[5].Reasons![0].Description);
        Assert.Equal(["9104"], reply.CodesOf(7));
        Assert.Contains("already adjusted by", reply.Invoices[7].Reasons![0].Description);
        Assert.Contains("/TDiep/DLieu/TBao/DLTBao/DSHDon/HDon[4]", reply.Invoices[3].Reasons![0].Description);
    }

    [Fact]
    public async Task A_notice_failing_as_a_whole_refuses_every_invoice_with_the_reason()
    {
        var tvan = Sim.Tvan();
        var invoice = Support.Corrections.Of(await tvan.StoredAsync(Support.Corrections.Invoice()));
        var unsigned = MessageWriter.Write(Build([new(invoice, Correction.Cancel, "Hủy"), new(invoice, Correction.Explain, "Giải trình")]));
        var reply = await tvan.ReplyAsync(unsigned);
        Assert.Equal([2, 2], reply.Invoices.Select(i => i.Accepted!.Value));
        Assert.All([0, 1], k => Assert.Equal(["4001"], reply.CodesOf(k)));

        // Nothing was cancelled: a signed cancel is accepted afterwards.
        var signed = await tvan.ReplyAsync(Support.Corrections.Notice([new(invoice, Correction.Cancel, "Hủy")]));
        Assert.Equal(1, signed.Invoices[0].Accepted);
    }

    [Fact]
    public async Task The_committed_samples_run_as_docs_corrections_md_says()
    {
        var tvan = Sim.Tvan();
        await tvan.StoredAsync(File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "valid", "206-valid.xml")));
        var reply = await tvan.ReplyAsync(File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "valid", "303-valid.xml")));
        Assert.Equal([1, 1], reply.Invoices.Select(i => i.Accepted!.Value));

        var noReason = await tvan.ReplyAsync(File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "invalid", "303-3001-no-reason.xml")) is var b
            ? Packages.Replace(b, "V03094783063C9D2E7A51F44B0E8D267F1A0C4E9B35", "V03094783063C9D2E7A51F44B0E8D267F1A0C4E9B36") : b);
        Assert.Equal(2, noReason.Invoices[1].Accepted);
        Assert.Contains("9105", noReason.CodesOf(1));
    }

    [Fact]
    public async Task The_301_is_in_the_inbox_and_the_journal()
    {
        var tvan = Sim.Tvan();
        var invoice = Support.Corrections.Of(await tvan.StoredAsync(Support.Corrections.Invoice()));
        var notice = Support.Corrections.Notice([new(invoice, Correction.Cancel, "Hủy")]);
        var reply = await tvan.ReplyAsync(notice);
        var inbox = SimClient.Split(await (await tvan.GetAsync("/api/v1/inbox?after=0")).Content.ReadAsByteArrayAsync());
        Assert.Contains(inbox, m => SimClient.TypeOf(m) == "301" && MessageReader.Read(m).Header.MessageId == reply.Header.MessageId);
        var journal = await (await Sim.Admin().GetAsync("/admin/v1/journal?type=301")).Content.ReadAsStringAsync();
        Assert.Contains("301: 1 accepted, 0 not accepted", journal);
    }
}

public sealed class SqliteErroneousNotices() : ErroneousNoticeScenarios(StoreKind.Sqlite);

public sealed class PostgresErroneousNotices() : ErroneousNoticeScenarios(StoreKind.Postgres);
