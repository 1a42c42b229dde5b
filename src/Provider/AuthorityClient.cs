using System.Net;
using System.Net.Http.Headers;
using System.Xml;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Provider;

/// <summary>What a send of a 206 came to.</summary>
public enum SendResult
{
    /// <summary>999 TTTNhan 0: taken.</summary>
    Acknowledged,

    /// <summary>999 TTTNhan 1: refused at reception, with reasons.</summary>
    Refused,

    /// <summary>No answer that settles it (network, timeout, 5xx, 401, 404 …): send the same bytes again later.</summary>
    Retry,

    /// <summary>An answer no resend can change (413).</summary>
    Fatal,
}

public sealed record SendOutcome(SendResult Result, string Detail, string Codes = "");

/// <summary>
/// The authority's T-VAN side over HTTP (the simulator's contract): post a 206, read the inbox of
/// responses, look up a stored invoice. Never throws for the network: every failure is an outcome.
/// </summary>
public sealed class AuthorityClient(HttpClient http, string apiKey) : IDisposable
{
    public Uri? BaseAddress => http.BaseAddress;

    public async Task<SendOutcome> SendAsync(byte[] package, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/messages") { Content = new ByteArrayContent(package) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        request.Headers.Add("X-Api-Key", apiKey);
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest && TryReadAck(body) is { } ack)
            {
                var codes = string.Join(",", (ack.Reasons ?? []).Select(r => r.Code));
                var text = string.Join("; ", (ack.Reasons ?? []).Select(r => $"{r.Code} {r.Description}"));
                return ack.Status == 0
                    ? new SendOutcome(SendResult.Acknowledged, "999 TTTNhan 0")
                    : new SendOutcome(SendResult.Refused, $"999 TTTNhan 1: {text}", codes);
            }
            return response.StatusCode switch
            {
                HttpStatusCode.RequestEntityTooLarge => new SendOutcome(SendResult.Fatal, "413: the package is over 2 MB", "1002"),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                    new SendOutcome(SendResult.Retry, $"{status}: the T-VAN API key was refused (check --api-key)"),
                HttpStatusCode.NotFound => new SendOutcome(SendResult.Retry, $"404: no message route at {request.RequestUri} (check --target)"),
                _ => new SendOutcome(SendResult.Retry, $"HTTP {status} {response.ReasonPhrase}"),
            };
        }
        catch (HttpRequestException e)
        {
            return new SendOutcome(SendResult.Retry, $"cannot connect to {http.BaseAddress}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendOutcome(SendResult.Retry, $"no answer from {http.BaseAddress} within {http.Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>The responses after a cursor: (next cursor, each TDiep's bytes); null when the inbox cannot be read now.</summary>
    public async Task<(string Next, IReadOnlyList<byte[]> Messages)?> InboxAsync(string after, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/inbox?after={Uri.EscapeDataString(after)}&limit=500");
        request.Headers.Add("X-Api-Key", apiKey);
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.OK) return null;
            var raw = await response.Content.ReadAsByteArrayAsync(ct);
            var doc = SafeXml.LoadDocument(raw);
            var next = response.Headers.TryGetValues("X-Next-Cursor", out var values) ? values.First() : doc.DocumentElement!.GetAttribute("next");
            return (next, [.. doc.DocumentElement!.ChildNodes.OfType<XmlElement>().Select(e =>
            {
                var one = new XmlDocument { PreserveWhitespace = true };
                one.AppendChild(one.ImportNode(e, deep: true));
                return SafeXml.ToBytes(one);
            })]);
        }
        catch (Exception e) when (e is HttpRequestException or XmlException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// The buyer's look-up: whether the authority stores the invoice and the MTDiep of the package that
    /// carried it (so a provider can tell its own invoice from another one under the same code);
    /// null when it cannot tell now.
    /// </summary>
    public async Task<StoredInvoice?> LookUpAsync(string taxCode, string code, CancellationToken ct)
    {
        try
        {
            // With the T-VAN's key: the authority shows a T-VAN the invoices it sent without the buyer's total, and does not rate-limit it.
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/invoices/{Uri.EscapeDataString(taxCode)}/{Uri.EscapeDataString(code)}");
            request.Headers.Add("X-Api-Key", apiKey);
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.NotFound) return new StoredInvoice(false, null);
            if (response.StatusCode != HttpStatusCode.OK) return null;
            using var json = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            return new StoredInvoice(true,
                json.RootElement.TryGetProperty("messageId", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String ? id.GetString() : null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => http.Dispose();

    private static TechnicalAck? TryReadAck(byte[] body)
    {
        try
        {
            return MessageReader.Read(body) as TechnicalAck;
        }
        catch (Exception e) when (e is MessageFormatException or XmlException)
        {
            return null;
        }
    }
}

/// <summary>What the look-up says of one code.</summary>
/// <param name="MessageId">The MTDiep of the package that carried the stored invoice, when the authority tells.</param>
public sealed record StoredInvoice(bool Stored, string? MessageId);
