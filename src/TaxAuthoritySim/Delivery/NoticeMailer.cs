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
/// folder by default, or through an SMTP server when --smtp host:port is given.
/// </summary>
public sealed class NoticeMailer(
    ISimulatorStore store,
    RegistryService registry,
    SimulatorSettings settings,
    ILogger<NoticeMailer> log)
{
    public async Task SendPendingAsync(CancellationToken ct)
    {
        var pending = await store.PendingEmailsAsync(100, ct);
        foreach (var response in pending)
        {
            var taxpayer = registry.Current.Taxpayer(response.TaxCode);
            if (taxpayer?.Email is { Length: > 0 } to)
            {
                try
                {
                    await SendAsync(Compose(response, taxpayer, to, registry.Current.Authority), ct);
                }
                catch (Exception ex) when (ex is SmtpException or IOException or InvalidOperationException)
                {
                    // Left pending: the next round tries again.
                    log.LogWarning(ex, "E-mail of {ResponseId} to {To} failed; will retry", response.ResponseId, to);
                    return;
                }
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

    private async Task SendAsync(MailMessage message, CancellationToken ct)
    {
        using (message)
        {
            using var client = CreateClient();
            await client.SendMailAsync(message, ct);
        }
    }

    private SmtpClient CreateClient()
    {
        if (settings.Smtp is { Length: > 0 } smtp)
        {
            var parts = smtp.Split(':', 2);
            var port = parts.Length == 2 && int.TryParse(parts[1], out var p) ? p : 25;
            return new SmtpClient(parts[0], port) { DeliveryMethod = SmtpDeliveryMethod.Network, EnableSsl = false };
        }
        Directory.CreateDirectory(settings.OutboxPath);
        return new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = Path.GetFullPath(settings.OutboxPath),
        };
    }
}
