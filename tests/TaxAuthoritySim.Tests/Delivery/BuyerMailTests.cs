using System.Globalization;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.TaxAuthoritySim.Delivery;
using ConformanceKit.TaxAuthoritySim.Store;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using C = ConformanceKit.TaxAuthoritySim.Tests.Support.Corrections;

namespace ConformanceKit.TaxAuthoritySim.Tests.Delivery;

/// <summary>The buyer of a replacement or an adjustment is e-mailed (NMua/DCTDTu): once, in Vietnamese, with the look-up link.</summary>
public sealed class BuyerMailTests : IDisposable
{
    private readonly SimulatorFactory _sim = new();

    public void Dispose() => _sim.Dispose();

    /// <summary>A signed one-invoice package whose buyer is <paramref name="buyerName"/> at <paramref name="email"/>.</summary>
    private static byte[] Invoice(string email, string buyerName = "Công ty TNHH Người Mua", CashRegisterInvoice? relatedTo = null, int kind = 0) =>
        Packages.Signed(Packages.Options(invoices: 1) with { SalesInvoiceEvery = 0 }, change: p =>
        {
            var invoice = p.Invoices[0];
            invoice.Buyer ??= new Party();
            invoice.Buyer.Name = buyerName;
            invoice.Buyer.Email = email;
            if (relatedTo is not null) invoice.General.RelatedInvoice = C.RelatedTo(relatedTo, kind);
        });

    private static string Unique(string who) => $"{who}-{Guid.NewGuid():N}"[..20] + "@example.test";

    /// <summary>Waits until the taxpayer's e-mail of this package's 204 is written: the buyers' of that 204 come before it.</summary>
    private async Task<EmlFile[]> MailedAsync(byte[] package)
    {
        var id = Packages.IdOf(package);
        return await Eventually.ValueAsync(() => Task.FromResult(EmlFile.InOutbox(_sim.DataDirectory)),
            mails => mails.Any(m => m.To.Contains("cua-hang-a@example.test") && m.Raw.Contains(id)), TimeSpan.FromSeconds(20));
    }

    private static EmlFile[] To(EmlFile[] mails, string address) => [.. mails.Where(m => m.To.Contains(address, StringComparison.Ordinal))];

    [Fact]
    public async Task A_replacement_is_emailed_to_its_buyer_with_both_invoices_and_the_lookup_link()
    {
        var tvan = _sim.Tvan();
        var saleBuyer = Unique("sale");
        var sale = await tvan.StoredAsync(Invoice(saleBuyer));
        var original = C.Of(sale);
        var buyer = Unique("buyer");
        var replacementPackage = await tvan.StoredAsync(Invoice(buyer, "Công ty TNHH Mua Sắm", original, 1));
        var replacement = C.Of(replacementPackage);

        var mails = await MailedAsync(replacementPackage);
        // An ordinary sale is not e-mailed to its buyer, even with an address.
        Assert.Empty(To(mails, saleBuyer));
        var mail = Assert.Single(To(mails, buyer));
        Assert.Contains($"<{buyer}>", mail.To);
        Assert.Contains("Công ty TNHH Mua Sắm", mail.To);
        Assert.StartsWith("Thông báo hóa đơn điện tử thay thế", mail.Subject);
        Assert.Contains(replacement.Code!, mail.Subject);
        Assert.Equal(replacement.Code, mail.Header("X-MCCQT"));
        Assert.Contains("Kính gửi Công ty TNHH Mua Sắm", mail.Body);
        Assert.Contains(replacement.Seller.Name!, mail.Body);
        Assert.Contains($"Ký hiệu mẫu số: {replacement.General.FormNumber}", mail.Body);
        Assert.Contains($"Ký hiệu hóa đơn: {replacement.General.Series}", mail.Body);
        Assert.Contains($"Số hóa đơn: {replacement.General.Number}", mail.Body);
        Assert.Contains($"Mã của cơ quan thuế: {replacement.Code}", mail.Body);
        Assert.Contains($"Ngày lập: {replacement.General.IssueDate:dd/MM/yyyy}", mail.Body);
        var total = replacement.Totals.TotalPayable!.Value.ToString("#,##0.######", new NumberFormatInfo { NumberGroupSeparator = ".", NumberDecimalSeparator = "," });
        Assert.Contains($"Tổng tiền thanh toán: {total} VND", mail.Body);
        var replacedPart = mail.Body[mail.Body.IndexOf("Hóa đơn bị thay thế:", StringComparison.Ordinal)..];
        Assert.Contains($"Số hóa đơn: {original.General.Number}", replacedPart);
        Assert.Contains($"Ký hiệu hóa đơn: {original.General.Series}", replacedPart);
        Assert.Contains($"Ngày lập: {original.General.IssueDate:dd/MM/yyyy}", replacedPart);
        Assert.Contains($"/lookup?mst={replacement.Seller.TaxCode}&code={Uri.EscapeDataString(replacement.Code!)}", mail.Body);
    }

    [Fact]
    public async Task An_adjustment_is_emailed_to_its_buyer_as_an_adjustment()
    {
        var tvan = _sim.Tvan();
        var original = C.Of(await tvan.StoredAsync(C.Invoice()));
        var buyer = Unique("adjusted");
        var package = await tvan.StoredAsync(Invoice(buyer, relatedTo: original, kind: 2));
        var mail = Assert.Single(To(await MailedAsync(package), buyer));
        Assert.StartsWith("Thông báo hóa đơn điện tử điều chỉnh", mail.Subject);
        Assert.Contains("Hóa đơn bị điều chỉnh:", mail.Body);
        Assert.Contains($"Số hóa đơn: {original.General.Number}", mail.Body);
    }

    [Theory]
    [InlineData("khong-phai-dia-chi")]
    [InlineData("a@b")]
    [InlineData("Tên <mua@example.test>")]
    [InlineData("mua@example.test, khac@example.test")]
    [InlineData("mua@example.test\nBcc: ke-gian@example.test")] // LF only: a CR in signed sample XML fails 4002 first
    public async Task A_malformed_buyer_address_is_skipped_and_the_invoice_is_still_stored(string address)
    {
        var tvan = _sim.Tvan();
        var original = C.Of(await tvan.StoredAsync(C.Invoice()));
        var package = await tvan.StoredAsync(Invoice(address, relatedTo: original, kind: 1)); // asserts 204 LTBao 2
        var mails = await MailedAsync(package);
        var code = C.Of(package).Code!;
        Assert.DoesNotContain(mails, m => m.Raw.Contains(code, StringComparison.Ordinal));
        Assert.DoesNotContain(mails, m => m.Raw.Contains("ke-gian", StringComparison.Ordinal) || m.Raw.Contains("mua@example.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_204_processed_again_sends_the_buyer_no_second_email()
    {
        var tvan = _sim.Tvan();
        var original = C.Of(await tvan.StoredAsync(C.Invoice()));
        var buyer = Unique("twice");
        var package = await tvan.StoredAsync(Invoice(buyer, relatedTo: original, kind: 1));
        Assert.Single(To(await MailedAsync(package), buyer));

        // As after a restart before the 204 was marked e-mailed: the same 204 goes through the buyer mailer again.
        var store = _sim.Services.GetRequiredService<ISimulatorStore>();
        var notice = Assert.Single(await store.ResponsesToAsync(Packages.IdOf(package)), r => r.Type == "204");
        var mailer = _sim.Services.GetRequiredService<BuyerMailer>();
        await mailer.SendForAsync(notice, CancellationToken.None);
        await mailer.SendForAsync(notice, CancellationToken.None);
        Assert.Single(To(EmlFile.InOutbox(_sim.DataDirectory), buyer));
        Assert.Equal(buyer, await store.GetSettingAsync(BuyerMailer.SentKeyPrefix + C.Of(package).Code));
    }
}
