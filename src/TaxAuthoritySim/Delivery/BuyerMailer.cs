using System.Globalization;
using System.Net.Mail;
using System.Text;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ConformanceKit.TaxAuthoritySim.Delivery;

/// <summary>
/// Tells the buyer of a replacement or an adjustment (TTHDLQuan/TCHDon 1 or 2) that the invoice was issued, when the
/// invoice names the buyer's e-mail (NMua/DCTDTu): one e-mail per invoice, sent once the 204 LTBao 2 of its package is
/// out. Ordinary sales are not e-mailed to buyers. Each e-mail sent is recorded by MCCQT (setting
/// <c>buyer-mail.&lt;MCCQT&gt;</c>), so a 204 processed again sends none twice.
/// </summary>
public sealed class BuyerMailer(
    ISimulatorStore store,
    RegistryService registry,
    SimulatorSettings settings,
    IServer server,
    ILogger<BuyerMailer> log)
{
    public const string SentKeyPrefix = "buyer-mail.";

    /// <summary>Sends the buyer e-mails of the invoices the 206 answered by <paramref name="response"/> stored, none
    /// already sent. Throws the transport's exception when a send fails (the caller retries later).</summary>
    public async Task SendForAsync(OutboundResponse response, CancellationToken ct)
    {
        if (response.Type != "204" || response.Summary?.StartsWith("LTBao 2", StringComparison.Ordinal) != true) return;
        var corrections = (await store.InvoicesOfAsync(response.ReplyTo, ct)).Where(i => i.RelationKind is 1 or 2).ToList();
        if (corrections.Count == 0) return;
        if (await store.GetMessageAsync(response.ReplyTo, ct) is not { } message) return;
        var package = ReadPackage(message.Body);
        foreach (var invoice in corrections)
        {
            var sentKey = SentKeyPrefix + invoice.Code;
            if (await store.GetSettingAsync(sentKey, ct) is not null) continue;
            var written = package?.Invoices.ElementAtOrDefault(invoice.Index - 1);
            if (written?.Buyer?.Email is not { Length: > 0 } raw) continue;
            if (BuyerAddress.Parse(raw) is not { } to)
            {
                log.LogWarning("Invoice {Code}: buyer e-mail (NMua/DCTDTu) {Address} is not an address; the buyer is not e-mailed",
                    invoice.Code, BuyerAddress.Printable(raw));
                continue;
            }
            MailMessage mail;
            try
            {
                mail = Compose(invoice, to, written.Buyer);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                // Invoice text .NET will not put in a header: skipped, never retried for ever.
                log.LogWarning(ex, "Invoice {Code}: the buyer e-mail could not be composed; the buyer is not e-mailed", invoice.Code);
                continue;
            }
            await MailTransport.SendAsync(settings, mail, ct);
            await store.SetSettingAsync(sentKey, to, ct);
            log.LogInformation("Invoice {Code}: e-mailed the buyer at {Address}", invoice.Code, to);
        }
    }

    private static InvoicePackage? ReadPackage(byte[] body)
    {
        try
        {
            return MessageReader.Read(body) as InvoicePackage;
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or FormatException or InvalidOperationException)
        {
            return null; // a stored package was valid; nothing to tell a buyer otherwise
        }
    }

    private MailMessage Compose(StoredInvoice invoice, string to, Party buyer)
    {
        var authority = registry.Current.Authority;
        var replaces = invoice.RelationKind == 1;
        var what = replaces ? "thay thế" : "điều chỉnh";
        var seller = BuyerAddress.OneLine(invoice.SellerName ?? registry.Current.Taxpayer(invoice.TaxCode)?.Name ?? invoice.TaxCode);
        var buyerName = BuyerAddress.OneLine(buyer.Name ?? buyer.BuyerPersonName ?? "");
        var code = BuyerAddress.OneLine(invoice.Code);
        var message = new MailMessage(new MailAddress(settings.MailFrom, authority.Name), new MailAddress(to, buyerName))
        {
            Subject = $"Thông báo hóa đơn điện tử {what} - {seller} - số {BuyerAddress.OneLine(invoice.Number ?? "")} ({code})",
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            Body = $"""
                Kính gửi {(buyerName.Length > 0 ? buyerName : "Quý khách")},

                {seller} (MST {invoice.TaxCode}) đã lập hóa đơn điện tử khởi tạo từ máy tính tiền {what} cho hóa đơn đã lập
                cho Quý khách. Hóa đơn đã được {authority.Name} cấp mã.

                Hóa đơn {what}:
                  Ký hiệu mẫu số: {invoice.Form}
                  Ký hiệu hóa đơn: {invoice.Series}
                  Số hóa đơn: {invoice.Number}
                  Mã của cơ quan thuế: {invoice.Code}
                  Ngày lập: {invoice.IssuedOn:dd/MM/yyyy}
                  Tổng tiền thanh toán: {Money(invoice.Total)} {invoice.Currency ?? "VND"}

                Hóa đơn bị {what}:
                  Ký hiệu mẫu số: {invoice.RelatedForm}
                  Ký hiệu hóa đơn: {invoice.RelatedSeries}
                  Số hóa đơn: {invoice.RelatedNumber}
                  Ngày lập: {invoice.RelatedIssuedOn:dd/MM/yyyy}

                Tra cứu hóa đơn tại: {LookupLink(invoice)}

                (Thư do hệ thống mô phỏng ConformanceKit gửi tự động.)
                """.ReplaceLineEndings("\r\n"),
        };
        message.Headers.Add("X-MCCQT", code);
        return message;
    }

    private static readonly NumberFormatInfo VietnameseNumbers = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    private static string Money(decimal? amount) => amount is { } a ? a.ToString("#,##0.######", VietnameseNumbers) : "";

    /// <summary>The buyer look-up of this invoice, absolute when the simulator knows where it listens.</summary>
    private string LookupLink(StoredInvoice invoice)
    {
        var path = Pages.Html.LookupUrl(invoice.TaxCode, invoice.Code, invoice.Total);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("://+", "://localhost").Replace("://*", "://localhost"),
                UriKind.Absolute, out var listen)) return path;
        var host = listen.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : listen.Host;
        return new UriBuilder(listen.Scheme, host, listen.Port).Uri.GetLeftPart(UriPartial.Authority) + path;
    }
}
