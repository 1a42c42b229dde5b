using System.Net.Http.Headers;
using System.Text;

namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// The scenario's step: POST invocation N's pre-generated package to <c>/api/v1/messages</c> and
/// judge the 999 with a byte search for <c>&lt;TTTNhan&gt;0&lt;/TTTNhan&gt;</c> (no XML parsing on the hot path).
/// </summary>
public static class MessagesScenario
{
    public const string Route = "/api/v1/messages";

    public static Scenario Create(string name, HttpClient client, PackageTracker tracker)
    {
        return Scenario.Create(name, async context =>
        {
            var record = tracker.Records[context.InvocationNumber];
            tracker.MarkScheduled(record, context);
            using var content = new ByteArrayContent(record.Package.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
            using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = content };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, context.CancellationToken)
                .ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(context.CancellationToken).ConfigureAwait(false);
            var at = MonoClock.Now;
            var status = (int)response.StatusCode;
            var accepted = status == 200 && body.AsSpan().IndexOf("<TTTNhan>0</TTTNhan>"u8) >= 0;
            tracker.MarkAck(record, status, accepted, at);
            if (accepted) return StepResponse.Ok(status);
            tracker.NoteRefusal($"HTTP {status}: {Excerpt(body)}");
            return StepResponse.Fail(status, status == 200 ? "refused (TTTNhan≠0)" : $"HTTP {status}");
        });
    }

    private static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 1500));
        return text.Replace('\n', ' ').Replace('\r', ' ');
    }
}
