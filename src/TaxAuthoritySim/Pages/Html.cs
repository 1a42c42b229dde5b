using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Xml;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Clock;

namespace ConformanceKit.TaxAuthoritySim.Pages;

/// <summary>Trusted markup: only what this code wrote itself (constants or an <see cref="HtmlBuilder"/>).</summary>
public readonly record struct Markup(string Value)
{
    public override string ToString() => Value;
}

/// <summary>
/// Builds HTML from interpolated strings: the literal parts are markup, every hole is HTML-encoded
/// unless it is a <see cref="Markup"/>. So <c>h.Add($"&lt;td&gt;{name}&lt;/td&gt;")</c> cannot inject.
/// </summary>
public sealed class HtmlBuilder
{
    private readonly StringBuilder _sb = new(4096);

    public HtmlBuilder Add([InterpolatedStringHandlerArgument("")] ref Handler html)
    {
        _ = html;
        return this;
    }

    public HtmlBuilder Add(Markup markup)
    {
        _sb.Append(markup.Value);
        return this;
    }

    /// <summary>Encoded text.</summary>
    public HtmlBuilder Text(string? text)
    {
        _sb.Append(Html.Encode(text));
        return this;
    }

    public Markup ToMarkup() => new(_sb.ToString());

    public override string ToString() => _sb.ToString();

    [InterpolatedStringHandler]
    public readonly ref struct Handler
    {
        private readonly StringBuilder _sb;

        public Handler(int literalLength, int formattedCount, HtmlBuilder builder)
        {
            _ = literalLength;
            _ = formattedCount;
            _sb = builder._sb;
        }

        public void AppendLiteral(string literal) => _sb.Append(literal);

        public void AppendFormatted(Markup markup) => _sb.Append(markup.Value);

        public void AppendFormatted(string? text) => _sb.Append(Html.Encode(text));

        public void AppendFormatted<T>(T value) =>
            _sb.Append(Html.Encode(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString()));

        public void AppendFormatted<T>(T value, string? format) where T : IFormattable =>
            _sb.Append(Html.Encode(value.ToString(format, CultureInfo.InvariantCulture)));
    }
}

/// <summary>Encoding, formatting and the page frame shared by the simulator's pages.</summary>
public static class Html
{
    /// <summary>Encodes the HTML-sensitive characters (&lt; &gt; &amp; quotes …) but leaves Vietnamese letters readable.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Vietnamese number style: "1.234.567" (the app runs with invariant globalization, so built by hand).</summary>
    private static readonly NumberFormatInfo VietnameseNumbers = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };

    public static string Encode(string? text) => string.IsNullOrEmpty(text) ? string.Empty : Encoder.Encode(text);

    public static Markup Raw(string markup) => new(markup);

    /// <summary>"1.234.567 đ" for VND (whole đồng), "1.234,56 USD" otherwise; "—" when absent.</summary>
    public static string Money(decimal? amount, string? currency = "VND")
    {
        if (amount is not { } a) return "—";
        var vnd = string.IsNullOrWhiteSpace(currency) || currency.Trim().ToUpperInvariant() is "VND" or "Đ" or "VNĐ";
        if (vnd)
            return Math.Round(a, 0, MidpointRounding.AwayFromZero).ToString("#,0", VietnameseNumbers) + " đ";
        return a.ToString("#,0.##", VietnameseNumbers) + " " + currency!.Trim();
    }

    /// <summary>Quantities and other numbers in Vietnamese style, up to 6 decimals.</summary>
    public static string Number(decimal? value) => value is { } v ? v.ToString("#,0.######", VietnameseNumbers) : "—";

    /// <summary>A simulated instant as GMT+7 wall-clock time, "2025-06-15 10:00:03".</summary>
    public static string Time(DateTimeOffset? instant) =>
        instant is { } i ? VietnamTime.Local(i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    /// <summary>A wire-form local time (GMT+7), "2025-06-15 10:00:03".</summary>
    public static string Time(DateTime? local) =>
        local is { } l ? l.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    /// <summary>A simulated instant as GMT+7 wall-clock time, Vietnamese style: "10:00:03 15/06/2025".</summary>
    public static string TimeVi(DateTimeOffset instant) =>
        VietnamTime.Local(instant).ToString("HH:mm:ss dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Vietnamese date, "15/06/2025".</summary>
    public static string DateVi(DateOnly? date) =>
        date is { } d ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "—";

    public static string Iso(DateOnly? date) =>
        date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    public static string Or(string? value, string fallback = "—") => string.IsNullOrWhiteSpace(value) ? fallback : value;

    public static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString(span.TotalSeconds % 1 == 0 ? "0" : "0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>The link to the buyer look-up of one invoice.</summary>
    public static string LookupUrl(string mst, string code, decimal? total = null) =>
        "/lookup?mst=" + Uri.EscapeDataString(mst) + "&code=" + Uri.EscapeDataString(code)
        + (total is { } t ? "&total=" + t.ToString(CultureInfo.InvariantCulture) : "");

    public static string MessageUrl(string messageId) => "/messages/" + Uri.EscapeDataString(messageId);

    /// <summary>XML indented for reading (display only: the stored bytes are what count); as given when unreadable.</summary>
    public static string PrettyXml(string xml, int maxChars = 512 * 1024)
    {
        if (xml.Length > maxChars) return xml[..maxChars] + "\n… (truncated / đã cắt bớt)";
        try
        {
            var readerSettings = SafeXml.ReaderSettings();
            readerSettings.IgnoreWhitespace = true;
            var sb = new StringBuilder(xml.Length + xml.Length / 4);
            using (var reader = XmlReader.Create(new StringReader(xml), readerSettings))
            using (var writer = XmlWriter.Create(sb, new XmlWriterSettings
                   { Indent = true, IndentChars = "  ", OmitXmlDeclaration = true, NewLineChars = "\n" }))
            {
                reader.MoveToContent();
                writer.WriteNode(reader, defattr: true);
            }
            return sb.ToString();
        }
        catch (Exception e) when (e is XmlException or InvalidOperationException or ArgumentException)
        {
            return xml;
        }
    }

    public static string PrettyXml(byte[] body, int maxChars = 512 * 1024)
    {
        string text;
        try
        {
            text = SafeXml.Utf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.UTF8.GetString(body);
        }
        return PrettyXml(text.TrimStart('\uFEFF'), maxChars);
    }

    /// <summary>The whole page: head, style, header with navigation, the body and a footer.</summary>
    public static IResult Page(string title, Markup body, PageOptions? options = null)
    {
        options ??= new PageOptions();
        var h = new HtmlBuilder();
        h.Add($"<!DOCTYPE html>\n<html lang=\"{options.Language}\"><head><meta charset=\"utf-8\">");
        h.Add($"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (options.RefreshSeconds is { } r)
            h.Add($"<meta http-equiv=\"refresh\" content=\"{r}\">");
        h.Add($"<title>{title}</title><style>{Raw(Style)}</style></head><body>");
        if (options.Login)
        {
            h.Add($"<header><div class=\"brand\"><a href=\"/\">{options.Brand}</a></div><nav>");
            h.Add($"<a href=\"/lookup\">Tra cứu hóa đơn / Invoice look-up</a>");
        }
        else if (options.Buyer)
        {
            h.Add($"<header><div class=\"brand\"><a href=\"/lookup\">{options.Brand}</a></div><nav>");
            h.Add($"<a href=\"/lookup\">Tra cứu hóa đơn</a>");
            h.Add($"<a href=\"/\">Trang kiểm thử / Operator page</a>");
        }
        else
        {
            h.Add($"<header><div class=\"brand\"><a href=\"/\">{options.Brand}</a></div><nav>");
            h.Add($"<a href=\"/\">Thông điệp gần đây / Recent packages</a>");
            h.Add($"<a href=\"/lookup\">Tra cứu hóa đơn / Invoice look-up</a>");
            h.Add($"<a href=\"/swagger\">API (Swagger)</a>");
            h.Add($"<a href=\"/openapi/v1.json\">OpenAPI</a>");
            h.Add($"<a href=\"/api/v1/certificate\">Chứng thư số CQT / Certificate</a>");
            if (options.SignedInAs is { Length: > 0 } who)
            {
                h.Add($"<span class=\"who\" id=\"signed-in-as\">{who}</span>");
                h.Add($"<form method=\"post\" action=\"/logout\" class=\"logout\"><button type=\"submit\" id=\"logout\">Đăng xuất / Log out</button></form>");
            }
        }
        h.Add($"</nav></header><main>");
        h.Add(body);
        h.Add($"</main><footer>{options.Footer}</footer></body></html>");
        return new HtmlResult(h.ToString(), options.Status);
    }

    private const string Style = """
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1d2430;background:#f4f6f9}
        header{background:#8b1a1a;color:#fff;padding:.6rem 1.2rem;display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1.5rem}
        header a{color:#fff;text-decoration:none}
        header .brand a{font-weight:700;font-size:1.05rem}
        header nav{display:flex;flex-wrap:wrap;gap:.3rem 1rem}
        header nav a{opacity:.92;border-bottom:1px solid transparent}
        header nav a:hover{border-bottom-color:#fff}
        header .who{opacity:.85;font-size:.85rem}
        form.logout{display:inline;margin:0}
        form.logout button{padding:.1rem .6rem;background:#fff;color:#8b1a1a;font-size:.85rem}
        main{max-width:1440px;margin:0 auto;padding:1rem 1.2rem 2rem}
        footer{max-width:1440px;margin:0 auto;padding:.5rem 1.2rem 2rem;color:#6a7280;font-size:.85rem}
        h1{font-size:1.45rem;margin:.4rem 0 .8rem}
        h2{font-size:1.15rem;margin:1.6rem 0 .6rem;border-bottom:1px solid #d9dee6;padding-bottom:.25rem}
        h3{font-size:1rem;margin:1rem 0 .4rem}
        a{color:#1459b3}
        .muted{color:#6a7280}
        .small{font-size:.85rem}
        .mono,code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.85rem}
        .strip{display:flex;flex-wrap:wrap;gap:.5rem 1.6rem;background:#fff;border:1px solid #d9dee6;border-radius:6px;padding:.6rem .9rem;margin-bottom:1rem}
        .strip div{white-space:nowrap}
        .strip b{font-weight:600}
        .card{background:#fff;border:1px solid #d9dee6;border-radius:6px;padding:.8rem 1rem;margin:.6rem 0}
        .scroll{overflow-x:auto;max-width:100%}
        td.id{font-size:.8rem;word-break:break-all;min-width:12rem}
        table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d9dee6}
        th,td{text-align:left;padding:.35rem .55rem;border-bottom:1px solid #e6e9ef;vertical-align:top}
        th{background:#eef1f5;font-weight:600;white-space:nowrap}
        tr:hover td{background:#fafbfd}
        td.num,th.num{text-align:right;white-space:nowrap}
        td.nowrap{white-space:nowrap}
        dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1.2rem;margin:0}
        dl.kv dt{color:#4b5563;font-weight:600}
        dl.kv dd{margin:0;overflow-wrap:anywhere}
        .badge{display:inline-block;padding:.05rem .45rem;border-radius:999px;font-size:.8rem;font-weight:600;white-space:nowrap}
        td .badge{white-space:normal}
        .ok{background:#e3f4e8;color:#17612f}
        .bad{background:#fde8e8;color:#9b1c1c}
        .wait{background:#fff4d6;color:#7a5300}
        .info{background:#e6eefb;color:#1f4a8c}
        .msg{padding:.7rem 1rem;border-radius:6px;margin:.8rem 0;border:1px solid}
        .msg.error{background:#fde8e8;border-color:#f2b8b8;color:#7f1d1d}
        .msg.notfound{background:#fff4d6;border-color:#efd68f;color:#5c3d00}
        .msg .detail{display:block;color:#6a7280;font-size:.85rem;margin-top:.2rem}
        form.lookup{display:flex;flex-wrap:wrap;gap:.8rem 1.2rem;align-items:flex-end;background:#fff;border:1px solid #d9dee6;border-radius:6px;padding:.9rem 1rem}
        form.lookup label{display:flex;flex-direction:column;gap:.25rem;font-weight:600}
        form.lookup input{font:inherit;padding:.4rem .55rem;border:1px solid #b8c0cc;border-radius:4px;min-width:16rem}
        form.lookup .hint{font-weight:400;color:#6a7280;font-size:.8rem}
        button{font:inherit;padding:.45rem 1.1rem;border:0;border-radius:4px;background:#8b1a1a;color:#fff;cursor:pointer}
        pre{background:#0f172a;color:#e2e8f0;padding:.8rem 1rem;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;max-height:36rem;overflow:auto}
        details{margin:.4rem 0}
        summary{cursor:pointer;color:#1459b3}
        .total td{font-weight:700}
        """;
}

public sealed record PageOptions
{
    public int Status { get; init; } = StatusCodes.Status200OK;
    public string Language { get; init; } = "en";
    public int? RefreshSeconds { get; init; }

    /// <summary>The buyer's navigation (look-up only) instead of the operator's.</summary>
    public bool Buyer { get; init; }

    /// <summary>The login page's navigation (look-up only).</summary>
    public bool Login { get; init; }

    /// <summary>Who is logged in (shown with a log-out button in the operator's navigation).</summary>
    public string? SignedInAs { get; init; }
    public string Brand { get; init; } = "ConformanceKit · Cơ quan thuế mô phỏng / Tax-authority simulator";
    public string Footer { get; init; } =
        "Cổng mô phỏng để kiểm thử — không phải cổng thông tin của cơ quan thuế. / A simulator for testing, not the tax authority's portal. Times are simulated, GMT+7.";
}

/// <summary>An HTML page with headers that keep a browser from running anything but our own markup.</summary>
internal sealed class HtmlResult(string html, int status) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy =
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        var bytes = Encoding.UTF8.GetBytes(html);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
