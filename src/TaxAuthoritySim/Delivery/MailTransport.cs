using System.Net.Mail;
using ConformanceKit.TaxAuthoritySim.Hosting;

namespace ConformanceKit.TaxAuthoritySim.Delivery;

/// <summary>Where the simulator's e-mails go: an .eml file per message in the outbox folder, or an SMTP server (--smtp host:port).</summary>
internal static class MailTransport
{
    public static async Task SendAsync(SimulatorSettings settings, MailMessage message, CancellationToken ct)
    {
        using (message)
        {
            using var client = CreateClient(settings);
            await client.SendMailAsync(message, ct);
        }
    }

    private static SmtpClient CreateClient(SimulatorSettings settings)
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
