using System.Security.Cryptography;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Endpoints;
using ConformanceKit.TaxAuthoritySim.Intake;
using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>
/// Records what a certification session's sender does on the T-VAN API (posts with their MTDiep, content hash and
/// invoice codes; reads of responses, the feed and the look-up) and how each was answered — including answers that
/// leave no trace in the store (a 503 or a closed connection from a fault). Other callers pass straight through.
/// </summary>
public static class ActivityRecorder
{
    public static IApplicationBuilder UseCertificationActivity(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path.Value ?? "";
        if (!path.StartsWith("/api/v1/", StringComparison.Ordinal) || path.StartsWith("/api/v1/certification", StringComparison.Ordinal)
            || !http.Request.Headers.ContainsKey(ApiKeys.TvanHeader)
            || http.RequestServices.GetRequiredService<CertificationService>() is not { HasOpenSessions: true } certification)
        {
            // Ordinary T-VAN traffic on a server with no open session: no key look-up here (the endpoint does its own).
            await next(http);
            return;
        }
        var services = http.RequestServices;
        var sender = ApiKeys.Tvan(http, services.GetRequiredService<RegistryService>().Current)?.Code;
        if (sender is null || !certification.IsSessionSender(sender))
        {
            await next(http);
            return;
        }
        var at = DateTimeOffset.UtcNow;
        var simulated = services.GetRequiredService<SenderClock>().Now(sender);
        var activity = new Activity { At = at, SimulatedAt = simulated, Method = http.Request.Method, Path = path };
        try
        {
            await next(http);
        }
        finally
        {
            // The endpoint leaves the bytes it read whole (under its own deadline, size limit and per-T-VAN gate).
            if (http.Items.TryGetValue(MessageBody.ItemKey, out var posted) && posted is byte[] body)
                activity = WithMessage(body, activity);
            var status = http.RequestAborted.IsCancellationRequested ? 0 : http.Response.StatusCode;
            await certification.RecordAsync(sender, activity with { Status = status }, CancellationToken.None);
        }
    });

    /// <summary>Notes the posted message's MTDiep, type, hash and invoice codes.</summary>
    private static Activity WithMessage(byte[] body, Activity activity)
    {
        activity = activity with { Sha256 = Convert.ToHexStringLower(SHA256.HashData(body)) };
        try
        {
            var header = MessageReader.Read(body).Header;
            activity = activity with { MessageId = header.MessageId, MessageType = header.MessageType };
            if (header.MessageType == "206")
                activity = activity with { Codes = [.. MessageReader.Read<InvoicePackage>(body).Invoices.Select(i => i.Code).OfType<string>()] };
        }
        catch (Exception)
        {
            // Not a readable message: the endpoint refuses it with its reasons; the activity keeps the hash only.
        }
        return activity;
    }
}
