using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Delivery;

/// <summary>
/// E-mails each 204 to the taxpayer, as the portal does: an .eml file per notice in the outbox
/// folder by default, or through an SMTP server when --smtp host:port is given. The 204 of a
/// package that stored replacements or adjustments also goes to their buyers (<see cref="BuyerMailer"/>).
/// </summary>
public sealed class NoticeMailer(
    ISimulatorStore store,
    RegistryService registry,
    SimulatorSettings settings,
    BuyerMailer buyers,
    ILogger<NoticeMailer> log)
{
    public async Task SendPendingAsync(CancellationToken ct)
    {
        var pending = await store.PendingEmailsAsync(100, ct);
        foreach (var response in pending)
        {
            var taxpayer = registry.Current.Taxpayer(response.TaxCode);
            var to = taxpayer?.Email is { Length: > 0 } email ? email : null;
            try
            {
                // The buyers first: their e-mails are recorded per invoice, so a retry after a failure here sends none twice.
                await buyers.SendForAsync(response, ct);
                if (taxpayer is not null && to is not null)
                    await MailTransport.SendAsync(settings, Compose(response, taxpayer, to, registry.Current.Authority), ct);
            }
            catch (Exception ex) when (ex is SmtpException or IOException or InvalidOperationException)
            {
                // Left pending: the next round tries again.
                log.LogWarning(ex, "E-mail of {ResponseId} failed; will retry", response.ResponseId);
                return;
            }
            await store.MarkEmailedAsync(response.Seq, ct);
        }
    }

    private MailMessage Compose(OutboundResponse response, Taxpayer taxpayer, string to, AuthorityInfo authority)
    {
        var valid = response.Summary?.StartsWith("LTBao 2", StringComparison.Ordinal) == true;
        var message = new MailMessage(new MailAddress(settings.MailFrom, authority.Name), new MailAddress(to, taxpayer.Name))
        {
            Subject = $"[{taxpayer.TaxCode}] Thông báo kết quả kiểm tra dữ liệu hóa đơn điện tử (01/TB-KTDL) - {(valid ? "hợp lệ" : "không hợp lệ")}",
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            Body = $"""
                Kính gửi {taxpayer.Name} (MST {taxpayer.TaxCode}),

                {authority.Name} thông báo kết quả kiểm tra dữ liệu gói hóa đơn điện tử khởi tạo từ máy tính tiền
                có mã giao dịch {response.ReplyTo}: {(valid ? "dữ liệu hợp lệ, đã được tiếp nhận." : "dữ liệu không hợp lệ, chưa được tiếp nhận.")}
                Kết quả: {response.Summary}
                Thời gian: {VietnamTime.Local(response.CreatedAt):dd/MM/yyyy HH:mm:ss}

                Chi tiết trong Thông báo 01/TB-KTDL đính kèm (thông điệp {response.ResponseId}), có chữ ký số của cơ quan thuế.

                (Thư do hệ thống mô phỏng ConformanceKit gửi tự động.)
                """,
        };
        message.Headers.Add("X-MTDiep", response.ResponseId);
        message.Headers.Add("X-MTDTChieu", response.ReplyTo);
        var attachment = new Attachment(new MemoryStream(response.Body), $"TB-KTDL-{response.ResponseId}.xml", MediaTypeNames.Application.Xml);
        message.Attachments.Add(attachment);
        return message;
    }
}
