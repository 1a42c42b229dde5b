using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// The ceiling: a bare Kestrel endpoint that reads the whole request body and answers a fixed 999
/// (TTTNhan 0). No parsing, no checks, no storage: what HTTP alone costs on this machine.
/// </summary>
public static class CeilingServer
{
    private static readonly byte[] Fixed999 = Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><TDiep><TTChung><PBan>2.1.0</PBan><MNGui>TCT</MNGui>" +
        "<MNNhan>V0309478306</MNNhan><MLTDiep>999</MLTDiep><MTDiep>TCT00000000000000000000000000000000</MTDiep>" +
        "<MTDTChieu>V030947830600000000000000000000000000000000</MTDTChieu></TTChung><DLieu><TBao>" +
        "<MTDiep>V030947830600000000000000000000000000000000</MTDiep><MNGui>V0309478306</MNGui>" +
        "<NNhan>2026-01-01T00:00:00</NNhan><TTTNhan>0</TTTNhan></TBao></DLieu></TDiep>");

    public static Task<InProcessHost> StartAsync() => InProcessHost.StartAsync(app =>
    {
        app.MapGet("/health", () => "ok");
        app.MapPost(MessagesScenario.Route, async (HttpContext context) =>
        {
            var reader = context.Request.BodyReader;
            while (true)
            {
                var read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted) break;
            }
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/xml; charset=utf-8";
            context.Response.ContentLength = Fixed999.Length;
            await context.Response.Body.WriteAsync(Fixed999, context.RequestAborted).ConfigureAwait(false);
        });
    });
}
