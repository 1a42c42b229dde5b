using System.Security.Cryptography;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Endpoints;
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
        if (HttpMethods.IsPost(http.Request.Method) && path == JudgeContext.MessagesPath)
            activity = await WithMessageAsync(http, activity);
        try
        {
            await next(http);
        }
        finally
        {
            var status = http.RequestAborted.IsCancellationRequested ? 0 : http.Response.StatusCode;
            await certification.RecordAsync(sender, activity with { Status = status }, CancellationToken.None);
        }
    });

    /// <summary>Reads the posted body (kept for the endpoint) and notes its MTDiep, type, hash and invoice codes.</summary>
    private static async Task<Activity> WithMessageAsync(HttpContext http, Activity activity)
    {
        byte[] body;
        try
        {
            // Buffered (to disk past 64 KB) so the endpoint reads the same bytes; only up to the size limit is looked at here.
            http.Request.EnableBuffering(bufferThreshold: 64 * 1024);
            using var copy = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while (copy.Length <= SafeXml.MaxMessageBytes && (read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
                copy.Write(chunk, 0, read);
            http.Request.Body.Position = 0;
            if (copy.Length > SafeXml.MaxMessageBytes) return activity;
            body = copy.ToArray();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            if (http.Request.Body.CanSeek) http.Request.Body.Position = 0;
            return activity;
        }
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
