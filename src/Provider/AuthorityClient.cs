using System.Globalization;
using System.Net;
using System.Xml;
using ConformanceKit.AuthorityContract;
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

/// <param name="ReceivedAt">For a 999 TTTNhan 0: its NNhan, when the authority received the package, on its clock.</param>
public sealed record SendOutcome(SendResult Result, string Detail, string Codes = "", DateTimeOffset? ReceivedAt = null);

/// <summary>
/// The authority's T-VAN side over HTTP (the simulator's contract, through <see cref="AuthorityTvanClient"/>): post a
/// 206, read the inbox of responses, look up a stored invoice. Never throws for the network: every failure is an outcome.
/// </summary>
public sealed class AuthorityClient(HttpClient http, string apiKey) : IDisposable
{
    private readonly AuthorityTvanClient _client = new(http, apiKey);

    public Uri? BaseAddress => http.BaseAddress;

    public async Task<SendOutcome> SendAsync(byte[] package, CancellationToken ct)
    {
        HttpStatusCode status;
        byte[] body;
        string path = "api/v1/messages";
        try
        {
            var sent = await _client.SendAsync(package, ct);
            (status, body) = (sent.Status, sent.Body);
        }
        catch (AuthorityApiException e)
        {
            (status, body, path) = (e.Status, [], e.Path);
        }
        catch (HttpRequestException e)
        {
            return new SendOutcome(SendResult.Retry, $"cannot connect to {http.BaseAddress}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendOutcome(SendResult.Retry, $"no answer from {http.BaseAddress} within {http.Timeout.TotalSeconds:0} s");
        }
        var code = (int)status;
        if (status is HttpStatusCode.OK or HttpStatusCode.BadRequest && TryReadAck(body) is { } ack)
        {
            var codes = string.Join(",", (ack.Reasons ?? []).Select(r => r.Code));
            var text = string.Join("; ", (ack.Reasons ?? []).Select(r => $"{r.Code} {r.Description}"));
            return ack.Status == 0
                ? new SendOutcome(SendResult.Acknowledged, "999 TTTNhan 0", ReceivedAt: ReceivedAt(ack))
                : new SendOutcome(SendResult.Refused, $"999 TTTNhan 1: {text}", codes);
        }
        return status switch
        {
            HttpStatusCode.RequestEntityTooLarge => new SendOutcome(SendResult.Fatal, "413: the package is over 2 MB", "1002"),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new SendOutcome(SendResult.Retry, $"{code}: the T-VAN API key was refused (check --api-key)"),
            HttpStatusCode.NotFound => new SendOutcome(SendResult.Retry, $"404: no message route at {path} (check --target)"),
            _ => new SendOutcome(SendResult.Retry, $"HTTP {code} {Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(code)}"),
        };
    }

    /// <summary>
    /// The responses after a cursor: the next cursor, each TDiep's bytes, and when the authority answered on its own clock
    /// (HTTP Date, null without one); null when the inbox cannot be read now.
    /// </summary>
    public async Task<InboxPage?> InboxAsync(string after, CancellationToken ct)
    {
        try
        {
            var list = await _client.InboxAsync(long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0, 500, ct);
            var messages = list.Messages; // cut here: a list that is not XML is "cannot be read now"
            return new InboxPage(list.Next?.ToString(CultureInfo.InvariantCulture) ?? after, messages, list.At);
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
            var found = await _client.LookUpAsync(taxCode, code, ct: ct);
            return found is null ? new StoredInvoice(false, null) : new StoredInvoice(true, found.MessageId);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>The 999's NNhan: when the authority received the package, on its clock (Vietnam time).</summary>
    private static DateTimeOffset? ReceivedAt(TechnicalAck ack) => VietnamInstant(ack.ReceivedAt);

    /// <summary>A Vietnam local time as an instant; null when absent or off the calendar (an endpoint may send year 1).</summary>
    public static DateTimeOffset? VietnamInstant(DateTime? local) =>
        local is { } at && at >= DateTime.MinValue.AddHours(7)
            ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Unspecified), TimeSpan.FromHours(7))
            : null;

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

/// <summary>One page of the inbox.</summary>
/// <param name="At">When the authority answered, on its clock (HTTP Date); null when it did not say.</param>
public sealed record InboxPage(string Next, IReadOnlyList<byte[]> Messages, DateTimeOffset? At);

/// <summary>What the look-up says of one code.</summary>
/// <param name="MessageId">The MTDiep of the package that carried the stored invoice, when the authority tells.</param>
public sealed record StoredInvoice(bool Stored, string? MessageId);
