using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConformanceKit.Provider;

namespace ConformanceKit.Provider.Tests;

/// <summary>
/// Mutated sale bodies and odd requests against a running provider (seeded, so a failure replays):
/// never a 5xx, and afterwards the provider still issues, packages and gets accepted a valid sale —
/// and everything it accepted along the way can be packaged.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Fuzz")]
public sealed class ProviderFuzzTests
{
    private const int Requests = 1500;

    [Fact]
    public async Task Mutated_requests_never_get_a_5xx_and_leave_the_provider_healthy()
    {
        await using var p = await Pipeline.StartAsync(o => o with
        {
            Sync = SyncMode.Periodic, BatchSize = 100, BatchInterval = TimeSpan.FromMilliseconds(200),
        });
        var random = new Random(20260314);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Requests && failures.Count < 5; i++)
        {
            using var request = Next(random, i);
            var shown = request.Content is null ? "" : Shorten(await request.Content.ReadAsStringAsync());
            using var response = await p.Api.SendAsync(request);
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            if ((int)response.StatusCode >= 500)
                failures.Add($"#{i} {request.Method} {request.RequestUri} → {(int)response.StatusCode}: {shown}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The mutations reach both sides: sales still taken, and many refused.
        var histogram = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        Assert.True(statuses.GetValueOrDefault(201) > 200 && statuses.GetValueOrDefault(400) > 500, histogram);

        Assert.Equal(HttpStatusCode.OK, (await p.Api.GetAsync("api/v1/status")).StatusCode);
        await p.SellAsync("after-the-fuzz");
        using (await p.Api.PostAsync("api/v1/packages/flush", null)) { }
        await p.WaitUntilAsync(s => s.InvoiceBySale("after-the-fuzz")?.State == InvoiceState.Accepted, "a valid sale is accepted after the fuzz", 60);
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Issued).Count + s.Invoices(InvoiceState.Packaged).Count == 0,
            "every accepted sale has its answer", 60);
        // Whatever the API took, a package could carry: none was set aside.
        Assert.DoesNotContain(p.Store.Invoices(InvoiceState.Rejected), i => i.Codes == PackageComposer.Unsendable);
    }

    private static HttpRequestMessage Next(Random r, int i)
    {
        var roll = r.Next(100);
        if (roll < 3) return Other(r, i);
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/sales");
        byte[] body = roll switch
        {
            < 6 => RandomBytes(r),
            < 10 => Truncate(r, Encoding.UTF8.GetBytes(Sale(r, i, mutate: false))),
            < 13 => Encoding.UTF8.GetBytes(Nest(r, Sale(r, i, mutate: false))),
            < 40 => Encoding.UTF8.GetBytes(Sale(r, i, mutate: false)),
            _ => Encoding.UTF8.GetBytes(Sale(r, i, mutate: true)),
        };
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = r.Next(10) switch
        {
            0 => null,
            1 => new MediaTypeHeaderValue("text/plain"),
            2 => MediaTypeHeaderValue.Parse("application/json; charset=utf-16"),
            3 => new MediaTypeHeaderValue("application/xml"),
            _ => new MediaTypeHeaderValue("application/json"),
        };
        if (r.Next(20) == 0) request.Content.Headers.Add("Content-Encoding", "gzip");
        if (r.Next(20) == 0) request.Headers.TryAddWithoutValidation("Accept", "*/*;q=x, ;;");
        return request;
    }

    // The other routes, with bodies and values they do not expect.
    private static HttpRequestMessage Other(Random r, int i)
    {
        var weird = Uri.EscapeDataString(Text(r));
        var (method, path) = r.Next(7) switch
        {
            0 => (HttpMethod.Post, "api/v1/packages/flush"),
            1 => (HttpMethod.Post, $"api/v1/retry?includeRejected={weird}"),
            2 => (HttpMethod.Put, $"api/v1/packages/{weird}/signed"),
            3 => (HttpMethod.Get, $"api/v1/sales/{weird}"),
            4 => (HttpMethod.Get, $"api/v1/invoices/{weird}"),
            5 => (HttpMethod.Get, $"api/v1/packages?state={weird}"),
            _ => (HttpMethod.Get, $"api/v1/packages/{weird}/unsigned"),
        };
        return new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new ByteArrayContent(RandomBytes(r)) };
    }

    private static string Sale(Random r, int i, bool mutate)
    {
        var fields = new List<(string Key, string Value)>
        {
            ("saleId", Str($"fuzz-{i}")),
            ("lines", "[" + string.Join(",", Enumerable.Range(0, r.Next(1, 4)).Select(_ => Line(r))) + "]"),
        };
        if (r.Next(3) == 0) fields.Add(("buyer", """{"name":"Công ty A","taxCode":"0301521415","address":"1 Lê Lợi","phone":"0912345678"}"""));
        if (r.Next(4) == 0) fields.Add(("promotions", """[{"name":"Kẹo","unit":"Gói","quantity":1}]"""));
        if (r.Next(4) == 0) fields.Add(("discount", """{"name":"CK","amount":1000,"rate":"10%"}"""));
        if (r.Next(4) == 0) fields.Add(("paymentMethod", Str("TM")));
        if (r.Next(5) == 0) fields.Add(("registerId", Str("quay-2")));
        var json = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
        return mutate ? Mutate(r, json) : json;
    }

    private static readonly string[] Names = ["Cà phê sữa đá", "Phở bò 🍜", "Trà\tđá", "Bánh mì\r\npa-tê", "Gạo ST25"];

    // Valid lines, some at the format's limits (500-character name, 6 decimals, 15-digit amounts).
    private static string Line(Random r) => r.Next(4) switch
    {
        0 => $$"""{"name":{{Str(new string('a', 500))}},"unit":{{Str(new string('u', 50))}},"quantity":0.000001,"unitPrice":999999999999,"rate":"KCT"}""",
        1 => $$"""{"name":"Vàng","unit":"Lượng","quantity":1,"unitPrice":{{r.NextInt64(1, 90_000_000_000_000)}},"rate":"8%"}""",
        _ => $$"""{"name":"{{Names[r.Next(Names.Length)]}}","unit":"Ly","quantity":{{r.Next(1, 5)}},"unitPrice":{{r.Next(0, 100) * 1000}},"rate":"10%"}""",
    };

    // Replaces one to three values (a string, a number, a literal, an object or an array) with a hostile one.
    private static string Mutate(Random r, string json)
    {
        for (var n = r.Next(1, 4); n > 0; n--)
        {
            var spans = Values(json);
            var (start, length) = spans[r.Next(spans.Count)];
            json = json[..start] + Hostile(r) + json[(start + length)..];
        }
        return json;
    }

    private static readonly string[] Numbers =
    [
        "NaN", "Infinity", "-1", "0", "-0", "1e300", "-1e300", "1e20", "100000000000", "999999999999999", "1000000000000000",
        "0.0000001", "1.5", "79228162514264337593543950336", "1e-400", "01", "1.", ".5", "0x10", "true", "false", "null",
    ];

    private static string Hostile(Random r) => r.Next(9) switch
    {
        0 => Numbers[r.Next(Numbers.Length)],
        1 => Str(Text(r)),
        2 => Str(new string('x', r.Next(0, 2) == 0 ? r.Next(490, 520) : r.Next(10_000, 200_000))),
        3 => "\"" + string.Concat(Enumerable.Range(0, r.Next(1, 4)).Select(_ => r.Next(3) switch
        {
            0 => $"\\u{r.Next(0, 0x20):x4}", 1 => $"\\u{r.Next(0xD800, 0xE000):x4}", _ => r.Next(2) == 0 ? "\\uffff" : "\\ufffe",
        })) + "x\"",
        4 => "[null]",
        5 => "[" + string.Join(",", Enumerable.Repeat("null", r.Next(0, 3)).Append(Line(r))) + "]",
        6 => "{}",
        7 => "[]",
        _ => Str(""),
    };

    // Start and length of every JSON value in a body this test wrote (no escaped quotes inside strings).
    private static List<(int Start, int Length)> Values(string json)
    {
        var spans = new List<(int, int)>();
        var stack = new Stack<int>();
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c == '"')
            {
                var end = json.IndexOf('"', i + 1);
                if (end < 0) break;
                if (json.AsSpan(end + 1).TrimStart().StartsWith(":")) { i = end; continue; } // a key
                spans.Add((i, end - i + 1));
                i = end;
            }
            else if (c is '{' or '[') stack.Push(i);
            else if (c is '}' or ']' && stack.Count > 0)
            {
                var open = stack.Pop();
                if (open > 0) spans.Add((open, i - open + 1));
            }
            else if (char.IsAsciiDigit(c) || c == '-' || char.IsAsciiLetterLower(c))
            {
                var end = i;
                while (end < json.Length && json[end] is not (',' or '}' or ']')) end++;
                spans.Add((i, end - i));
                i = end - 1;
            }
        }
        return spans;
    }

    private static string Nest(Random r, string sale)
    {
        var depth = r.Next(2) == 0 ? r.Next(60, 70) : r.Next(100, 3000);
        var field = r.Next(2) == 0 ? "saleId" : "buyer";
        return sale.Replace($"\"{field}\":", $"\"{field}\":" + new string('[', depth) + "1" + new string(']', depth) + ",\"x\":", StringComparison.Ordinal);
    }

    private static byte[] Truncate(Random r, byte[] body) => body[..r.Next(0, body.Length)];

    private static byte[] RandomBytes(Random r)
    {
        var bytes = new byte[r.Next(0, 300)];
        r.NextBytes(bytes);
        return bytes;
    }

    private static string Text(Random r)
    {
        var chars = new char[r.Next(0, 12)];
        for (var k = 0; k < chars.Length; k++)
            chars[k] = r.Next(4) switch
            {
                0 => (char)r.Next(0, 0x20), 1 => (char)r.Next(0xD800, 0xE000), 2 => (char)r.Next(0xFFF0, 0x10000), _ => (char)r.Next(0x20, 0x7F),
            };
        return new string(chars);
    }

    // A JSON string of any UTF-16 text, lone surrogates included (escaped, as a client may send them).
    private static string Str(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
            sb.Append(c is < ' ' or '"' or '\\' or >= '\uD800' and <= '\uDFFF' or > '\u007E'
                ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture)
                : c.ToString());
        return sb.Append('"').ToString();
    }

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + $"… ({s.Length} chars)" : s;
}
