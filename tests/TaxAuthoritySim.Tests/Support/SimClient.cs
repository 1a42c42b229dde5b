using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Xml;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.TaxAuthoritySim.Tests.Support;

/// <summary>The T-VAN side of the contract, for tests.</summary>
public static class SimClient
{
    public sealed record Posted(HttpStatusCode Status, TechnicalAck? Ack, byte[] Body);

    /// <summary>
    /// POST /api/v1/messages through the typed client (the key is the HttpClient's own header): the 999 when there is
    /// one, else the status and the problem's bytes — tests look at refusals (401, 429, 503 …) as answers.
    /// </summary>
    public static async Task<Posted> PostMessageAsync(this HttpClient client, byte[] body)
    {
        try
        {
            var sent = await new AuthorityTvanClient(client, apiKey: null).SendAsync(body);
            return new Posted(sent.Status, MessageReader.Read<TechnicalAck>(sent.Body), sent.Body);
        }
        catch (AuthorityApiException e)
        {
            return new Posted(e.Status, null, Encoding.UTF8.GetBytes(e.Body));
        }
    }

    /// <summary>Every response TDiep to a message (oldest first), or empty.</summary>
    public static async Task<IReadOnlyList<byte[]>> ResponsesAsync(this HttpClient client, string messageId) =>
        (await new AuthorityTvanClient(client, apiKey: null).ResponsesAsync(messageId)).Messages;

    /// <summary>Splits a &lt;DSTDiep&gt; into each TDiep's bytes.</summary>
    public static IReadOnlyList<byte[]> Split(byte[] list)
    {
        var doc = SafeXml.LoadDocument(list);
        return [.. doc.DocumentElement!.ChildNodes.OfType<XmlElement>().Select(e =>
        {
            var one = new XmlDocument { PreserveWhitespace = true };
            one.AppendChild(one.ImportNode(e, deep: true));
            return SafeXml.ToBytes(one);
        })];
    }

    public static string TypeOf(byte[] message) => MessageReader.Read(message).Header.MessageType!;

    /// <summary>Waits (real time) until a response of <paramref name="type"/> answers the message.</summary>
    public static async Task<byte[]> WaitForAsync(this HttpClient client, string messageId, string type = "204", int count = 1,
        TimeSpan? timeout = null)
    {
        var found = await Eventually.ValueAsync(
            async () => (await client.ResponsesAsync(messageId)).Where(r => TypeOf(r) == type).ToList(),
            f => f.Count >= count, timeout ?? TimeSpan.FromSeconds(20));
        return found.Count >= count ? found[count - 1] : throw new TimeoutException($"no {type} for {messageId} within the timeout");
    }

    public static async Task<DataCheckNotice> NoticeAsync(this HttpClient client, string messageId, TimeSpan? timeout = null) =>
        MessageReader.Read<DataCheckNotice>(await client.WaitForAsync(messageId, "204", 1, timeout));

    public static IReadOnlyList<string> Codes(this DataCheckNotice notice) =>
        [.. (notice.Errors ?? []).Select(e => e.Code!).Distinct().Order(StringComparer.Ordinal)];

    public static async Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T body) =>
        await client.PutAsJsonAsync(url, body);
}
