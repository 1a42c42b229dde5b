using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// A stand-in for the simulator, for <c>--self-test</c>: acks every package with a 999 at once and,
/// after a delay, publishes a 204 in an inbox feed shaped like the real one
/// (<c>&lt;DSTDiep next=".."&gt;</c>, header <c>X-Next-Cursor</c>). It can fail (LTBao 7) or drop
/// every Nth 204 so the report's loud paths can be seen working. No checks, no signatures.
/// </summary>
public sealed class FakeSimulator
{
    private const int PageSize = 500;
    private readonly object gate = new();
    private readonly List<(long Seq, byte[] Xml)> inbox = [];
    private readonly string apiKey;
    private readonly string adminKey;
    private readonly TimeSpan noticeDelay;
    private readonly int failEvery;
    private readonly int dropEvery;
    private long received;

    public FakeSimulator(string apiKey, string adminKey, TimeSpan noticeDelay, int failEvery, int dropEvery) =>
        (this.apiKey, this.adminKey, this.noticeDelay, this.failEvery, this.dropEvery) = (apiKey, adminKey, noticeDelay, failEvery, dropEvery);

    public Task<InProcessHost> StartAsync() => InProcessHost.StartAsync(app =>
    {
        app.MapGet("/health", () => "ok");
        app.MapPost("/admin/v1/reset", (HttpContext c) =>
        {
            if (c.Request.Headers["X-Admin-Key"] != adminKey) return Results.StatusCode(401);
            lock (gate) inbox.Clear();
            return Results.Ok();
        });
        app.MapPost(MessagesScenario.Route, ReceiveAsync);
        app.MapGet("/api/v1/inbox", Inbox);
    });

    private async Task ReceiveAsync(HttpContext c)
    {
        if (c.Request.Headers["X-Api-Key"] != apiKey)
        {
            c.Response.StatusCode = 401;
            return;
        }
        using var buffer = new MemoryStream();
        await c.Request.Body.CopyToAsync(buffer, c.RequestAborted).ConfigureAwait(false);
        var messageId = Between(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "<MTDiep>"u8, "</MTDiep>"u8);
        var n = Interlocked.Increment(ref received);
        var ack = Ack(messageId);
        Publish(ack);
        if (dropEvery <= 0 || n % dropEvery != 0)
        {
            var failed = failEvery > 0 && n % failEvery == 0;
            _ = Task.Delay(noticeDelay).ContinueWith(_ => Publish(Notice(messageId, failed)), TaskScheduler.Default);
        }
        c.Response.ContentType = "application/xml; charset=utf-8";
        await c.Response.Body.WriteAsync(ack, c.RequestAborted).ConfigureAwait(false);
    }

    private IResult Inbox(HttpContext c)
    {
        if (c.Request.Headers["X-Api-Key"] != apiKey) return Results.StatusCode(401);
        var after = long.TryParse(c.Request.Query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : 0;
        List<byte[]> page;
        long next;
        lock (gate)
        {
            var start = inbox.FindIndex(e => e.Seq > after);
            page = start < 0 ? [] : inbox.Skip(start).Take(PageSize).Select(e => e.Xml).ToList();
            next = start < 0 ? Math.Max(after, inbox.Count == 0 ? 0 : inbox[^1].Seq) : inbox[Math.Min(inbox.Count, start + PageSize) - 1].Seq;
        }
        var body = new MemoryStream();
        body.Write(Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"utf-8\"?><DSTDiep next=\"{next}\">"));
        foreach (var xml in page) body.Write(xml);
        body.Write("</DSTDiep>"u8);
        c.Response.Headers["X-Next-Cursor"] = next.ToString(CultureInfo.InvariantCulture);
        return Results.Bytes(body.ToArray(), "application/xml; charset=utf-8");
    }

    private void Publish(byte[] xml)
    {
        lock (gate) inbox.Add((inbox.Count == 0 ? 1 : inbox[^1].Seq + 1, xml));
    }

    private static byte[] Ack(string messageId) => Encoding.UTF8.GetBytes(
        $"<TDiep><TTChung><PBan>2.1.0</PBan><MNGui>TCT</MNGui><MNNhan>V0309478306</MNNhan><MLTDiep>999</MLTDiep>" +
        $"<MTDiep>TCT{Guid.NewGuid():N}</MTDiep><MTDTChieu>{messageId}</MTDTChieu></TTChung><DLieu><TBao>" +
        $"<MTDiep>{messageId}</MTDiep><MNGui>V0309478306</MNGui><NNhan>{DateTime.UtcNow.AddHours(7):yyyy-MM-ddTHH:mm:ss}</NNhan>" +
        "<TTTNhan>0</TTTNhan></TBao></DLieu></TDiep>");

    private static byte[] Notice(string messageId, bool failed) => Encoding.UTF8.GetBytes(
        $"<TDiep><TTChung><PBan>2.1.0</PBan><MNGui>TCT</MNGui><MNNhan>V0309478306</MNNhan><MLTDiep>204</MLTDiep>" +
        $"<MTDiep>TCT{Guid.NewGuid():N}</MTDiep><MTDTChieu>{messageId}</MTDTChieu><MST>0106324653</MST><SLuong>1</SLuong></TTChung>" +
        "<DLieu><TBao><DLTBao Id=\"TBao\"><PBan>2.1.0</PBan><MSo>01/TB-KTDL</MSo><Ten>Thông báo kết quả kiểm tra dữ liệu</Ten>" +
        "<So>1</So><DDanh>Hà Nội</DDanh><NTBao>2026-01-01</NTBao><MST>0106324653</MST><TNNT>Cửa hàng A</TNNT>" +
        $"<LTBao>{(failed ? 7 : 2)}</LTBao><CCu>206</CCu><MGDDTu>{messageId}</MGDDTu><SLuong>50</SLuong>" +
        (failed
            ? "<LHDMTTien><DSLDo><LDo><STT>1</STT><MLoi>7005</MLoi><MTLoi>Mã đã được lưu (gửi trước đó) / code already stored</MTLoi>" +
              "<HDXLy>Kiểm tra mã</HDXLy><GChu>HDon[1] M1-26-A1B2C-00000000001 (fake)</GChu></LDo></DSLDo></LHDMTTien>"
            : "") +
        "</DLTBao><DSCKS><CQT/></DSCKS></TBao></DLieu></TDiep>");

    private static string Between(ReadOnlySpan<byte> body, ReadOnlySpan<byte> open, ReadOnlySpan<byte> close)
    {
        var start = body.IndexOf(open);
        if (start < 0) return "";
        var rest = body[(start + open.Length)..];
        var end = rest.IndexOf(close);
        return end < 0 ? "" : Encoding.UTF8.GetString(rest[..end]);
    }
}
