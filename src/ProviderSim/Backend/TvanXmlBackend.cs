using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// The seller → T-VAN leg (profiles/tvan-xml/README.md: an unofficial reconstruction from public integration code): a
/// seller that builds and signs its 206 itself posts the TDiep (<c>MNGui</c> = its MST, <c>MNNhan</c> = the T-VAN's MST,
/// <c>MTDiep</c> = its MST + 32 hex) to its T-VAN. The T-VAN checks it (envelope, the seller's signature), answers with
/// its own 999, forwards the invoices to the authority <b>as the T-VAN</b> (a new envelope: <c>MNGui</c> = the T-VAN,
/// <c>MNNhan</c> = TCT, a T-VAN <c>MTDiep</c>; <c>DLieu</c> and the seller's signature untouched), and relays the
/// authority's 999 and 204 back to the seller through a look-up keyed by the seller's <c>MTDiep</c>.
/// </summary>
public sealed partial class TvanXmlBackend : IProfileBackend
{
    public const string Root = "/api/services/hddtws";

    /// <summary>The T-VAN this profile plays: the demo T-VAN of the simulator's seed (its key is the demo key).</summary>
    public const string TvanCode = DemoData.TvanCode;

    public static string TvanTaxCode => TvanCode[1..];

    public string Name => "tvan-xml";

    /// <summary>
    /// The judgement of a seller's traffic: the issue is TiepNhan, its id the seller's MTDiep (the same package sent again keeps
    /// it), taken when the T-VAN's 999 says TTTNhan 0; the content rule is the seller's signature (<c>signature</c>).
    /// </summary>
    public JudgeSpec Judge { get; } = TvanXmlJudge.Spec;

    /// <summary>What the T-VAN holds of one seller message: keyed by the seller's MTDiep.</summary>
    private sealed class Received
    {
        public required string SellerId { get; init; }
        public required string Hash { get; init; }
        public required byte[] Ack { get; init; }
        public required byte[] Forward { get; init; }
        public required string ForwardId { get; init; }
        public bool Forwarded { get; set; }
        public string? ForwardError { get; set; }
        public readonly SemaphoreSlim Gate = new(1, 1);
    }

    private sealed class State
    {
        public readonly ConcurrentDictionary<string, Received> Messages = new(StringComparer.Ordinal);
    }

    public void Map(IEndpointRouteBuilder app, BackendContext context)
    {
        var state = new State();
        app.MapPost(Root + "/Authentication/GetTokenXML", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            string? user = null;
            try
            {
                var doc = XDocument.Parse(Encoding.UTF8.GetString(body));
                user = doc.Root?.Element("UserName")?.Value;
                if (string.IsNullOrWhiteSpace(doc.Root?.Element("Password")?.Value)) user = null;
            }
            catch (XmlException) { }
            if (string.IsNullOrWhiteSpace(user))
                return Xml(new XElement("GetTokenOutput", new XElement("MaKetQua", 1), new XElement("MoTaKetQua", "Sai tên đăng nhập hoặc mật khẩu")), 401);
            return Xml(new XElement("GetTokenOutput", new XElement("MaKetQua", 0), new XElement("Token", "sim-tvan." + user)));
        });
        app.MapPost(Root + "/TiepNhanThongDiep/TiepNhan", async (HttpRequest request, CancellationToken ct) =>
            await ReceiveAsync(await ReadAsync(request), context, state, ct));
        app.MapGet(Root + "/TraCuuThongDiep/{mtDiep}", async (string mtDiep, CancellationToken ct) =>
            await LookUpAsync(mtDiep, context, state, ct));
    }

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static IResult Xml(XElement root, int status = 200) =>
        Xml(Encoding.UTF8.GetBytes(new XDeclaration("1.0", "UTF-8", null) + root.ToString(SaveOptions.DisableFormatting)), status);

    private static IResult Xml(byte[] bytes, int status = 200) =>
        Results.Content(Encoding.UTF8.GetString(bytes), "application/xml; charset=utf-8", Encoding.UTF8, status);

    [GeneratedRegex("^[0-9A-F]{32}$")]
    private static partial Regex Hex32();

    private static async Task<IResult> ReceiveAsync(byte[] body, BackendContext context, State state, CancellationToken ct)
    {
        XmlDocument doc;
        try
        {
            doc = SafeXml.LoadDocument(body);
        }
        catch (Exception e) when (e is XmlException or XmlLimitException or DecoderFallbackException)
        {
            return Xml(Ack(null, null, [("TVAN01", "Thông điệp không đúng định dạng XML: " + e.Message)]), 400);
        }

        var header = doc.DocumentElement is { LocalName: "TDiep" } root ? root["TTChung"] : null;
        string? Field(string name) => header?[name]?.InnerText.Trim();
        var sender = Field("MNGui");
        var id = Field("MTDiep");
        var reasons = new List<(string, string)>();
        if (header is null) reasons.Add(("TVAN02", "Thiếu TDiep/TTChung"));
        if (Field("MLTDiep") != "206") reasons.Add(("TVAN03", $"MLTDiep {Field("MLTDiep")}: T-VAN này chỉ nhận thông điệp 206 (hóa đơn khởi tạo từ máy tính tiền)"));
        if (!TaxCode.TryParse(sender, out _, out _)) reasons.Add(("TVAN04", $"MNGui '{sender}' không phải MST của người bán"));
        var receiver = Field("MNNhan");
        if (receiver != TvanTaxCode && receiver != TvanCode) reasons.Add(("TVAN05", $"MNNhan '{receiver}' không phải T-VAN này ({TvanTaxCode})"));
        if (id is null || sender is null || !id.StartsWith(sender, StringComparison.Ordinal) || !Hex32().IsMatch(id[sender.Length..]))
            reasons.Add(("TVAN06", $"MTDiep '{id}' phải là MNGui + 32 ký tự hex in hoa"));
        if (Field("MST") is { } mst && sender is not null && mst != sender) reasons.Add(("TVAN07", $"MST {mst} khác MNGui {sender}"));
        if (sender is not null && sender != context.SellerTaxCode)
            reasons.Add(("TVAN08", $"MST {sender} không có hợp đồng với T-VAN này (người bán: {context.SellerTaxCode})"));
        if (reasons.Count == 0)
        {
            var signature = XmlSignatureVerifier.VerifyPackage(doc);
            if (!signature.IsValid)
                reasons.Add(("TVAN09", "Chữ ký số của người bán không hợp lệ: " + string.Join("; ", signature.Problems)));
            else if (signature.Certificate is { } cert && XmlSignatureVerifier.CertificateTaxCode(cert) is { } certMst && certMst != sender)
                reasons.Add(("TVAN10", $"Chứng thư số của MST {certMst}, không phải của người gửi {sender}"));
        }
        if (reasons.Count > 0) return Xml(Ack(sender, id, reasons), 400);

        var hash = Convert.ToHexString(SHA256.HashData(body));
        var fresh = new Lazy<Received>(() => NewReceived(doc, sender!, id!, hash));
        var received = state.Messages.GetOrAdd(id!, _ => fresh.Value);
        if (received.Hash != hash)
            return Xml(Ack(sender, id, [("TVAN11", $"MTDiep {id} đã được dùng cho một thông điệp khác")]), 400);
        await ForwardAsync(received, context, ct); // a resend of the same message is answered with the same 999, forwarded once
        return Xml(received.Ack);
    }

    private static Received NewReceived(XmlDocument doc, string sender, string sellerId, string hash)
    {
        var forwardId = MessageId.New(TvanCode).Value;
        var header = doc.DocumentElement!["TTChung"]!;
        Set(header, "MNGui", TvanCode);
        Set(header, "MNNhan", "TCT");
        Set(header, "MTDiep", forwardId);
        return new Received
        {
            SellerId = sellerId, Hash = hash, Ack = Ack(sender, sellerId, []), Forward = SafeXml.ToBytes(doc), ForwardId = forwardId,
        };
    }

    private static void Set(XmlElement header, string name, string value)
    {
        var element = header[name] ?? (XmlElement)header.AppendChild(header.OwnerDocument.CreateElement(name))!;
        element.InnerText = value;
    }

    /// <summary>Sends the re-wrapped message to the authority once it is taken; until then each resend or look-up tries again.</summary>
    private static async Task ForwardAsync(Received received, BackendContext context, CancellationToken ct)
    {
        if (received.Forwarded) return;
        if (context.Authority is null)
        {
            received.ForwardError = "no authority to forward to (ck provider-sim --provider: the T-VAN profile needs the in-process pipeline, or --authority)";
            return;
        }
        await received.Gate.WaitAsync(ct);
        try
        {
            if (received.Forwarded) return;
            using var http = new HttpClient { BaseAddress = context.Authority, Timeout = TimeSpan.FromSeconds(10) };
            var sent = await new AuthorityTvanClient(http, DemoData.TvanApiKey).SendAsync(received.Forward, ct);
            received.Forwarded = true; // taken (200) or refused at reception (its 999 says why): either way the authority has answered
            received.ForwardError = null;
        }
        catch (Exception e) when (e is HttpRequestException or AuthorityApiException or TaskCanceledException)
        {
            received.ForwardError = e.Message;
        }
        finally
        {
            received.Gate.Release();
        }
    }

    /// <summary>The T-VAN's own 999 to the seller: TTTNhan 0, or 1 with the reasons.</summary>
    private static byte[] Ack(string? sender, string? sellerId, IReadOnlyList<(string Code, string Text)> reasons)
    {
        var data = new XElement("TBao",
            new XElement("MTDiep", sellerId ?? ""),
            new XElement("MNGui", sender ?? ""),
            new XElement("NNhan", DateTime.UtcNow.Add(BackendContext.Vietnam).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("TTTNhan", reasons.Count == 0 ? 0 : 1));
        if (reasons.Count > 0)
            data.Add(new XElement("DSLDo", reasons.Select(r => new XElement("LDo", new XElement("MLoi", r.Code), new XElement("MTa", r.Text)))));
        var message = new XElement("TDiep",
            new XElement("TTChung",
                new XElement("PBan", "2.1.0"),
                new XElement("MNGui", TvanCode),
                new XElement("MNNhan", sender ?? ""),
                new XElement("MLTDiep", "999"),
                new XElement("MTDiep", MessageId.New(TvanCode).Value),
                new XElement("MTDTChieu", sellerId ?? "")),
            new XElement("DLieu", data));
        return Encoding.UTF8.GetBytes(new XDeclaration("1.0", "UTF-8", null) + message.ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>
    /// The look-up by the seller's MTDiep: <c>KetQuaTraCuu</c> with <c>MaKetQua</c> 0 (the authority has answered: its
    /// messages follow in <c>DuLieu</c>, the T-VAN's 999 first), 2 (taken, the authority has not answered yet), 3 (not
    /// forwarded: the authority cannot be reached), 1 (no such message).
    /// </summary>
    private static async Task<IResult> LookUpAsync(string sellerId, BackendContext context, State state, CancellationToken ct)
    {
        if (!state.Messages.TryGetValue(sellerId, out var received))
            return Xml(new XElement("KetQuaTraCuu", new XElement("MaKetQua", 1), new XElement("MoTaKetQua", $"Không tìm thấy thông điệp {sellerId}")), 404);
        await ForwardAsync(received, context, ct);
        var answers = new List<byte[]>();
        string? error = received.ForwardError;
        if (received.Forwarded)
            try
            {
                using var http = new HttpClient { BaseAddress = context.Authority, Timeout = TimeSpan.FromSeconds(10) };
                answers.AddRange((await new AuthorityTvanClient(http, DemoData.TvanApiKey).ResponsesAsync(received.ForwardId, ct)).Messages);
            }
            catch (Exception e) when (e is HttpRequestException or AuthorityApiException or TaskCanceledException)
            {
                error = e.Message;
            }
        var (code, text) = answers.Count > 0 ? (0, "CQT đã trả kết quả xử lý thông điệp")
            : received.Forwarded ? (2, "T-VAN đã chuyển thông điệp, CQT chưa trả kết quả")
            : (3, "T-VAN chưa chuyển được thông điệp tới CQT: " + error);
        var list = new StringBuilder();
        list.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><KetQuaTraCuu>");
        list.Append(new XElement("MaKetQua", code)).Append(new XElement("MoTaKetQua", text));
        list.Append(new XElement("MTDiep", received.SellerId)).Append(new XElement("MTDiepCQT", received.ForwardId));
        list.Append("<DuLieu>");
        list.Append(Body(received.Ack));
        foreach (var answer in answers) list.Append(Body(answer)); // the authority's messages as they are (its 204 keeps its signature)
        list.Append("</DuLieu></KetQuaTraCuu>");
        return Xml(Encoding.UTF8.GetBytes(list.ToString()));
    }

    /// <summary>A message's XML without its declaration, to nest it.</summary>
    private static string Body(byte[] message)
    {
        var text = Encoding.UTF8.GetString(message).TrimStart('\uFEFF');
        return text.StartsWith("<?xml", StringComparison.Ordinal) ? text[(text.IndexOf("?>", StringComparison.Ordinal) + 2)..] : text;
    }
}
