using System.Globalization;
using System.Xml;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Access;
using ConformanceKit.TaxAuthoritySim.Endpoints;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Pages;

/// <summary>
/// /lookup — the buyer's look-up, in Vietnamese as on the real portal: the seller's MST and the
/// tax-authority code (MCCQT) printed on the receipt, with the total to pay (TgTTTBSo), give the stored
/// invoice. Bad input is a 400, an unknown invoice (or a wrong total) a 404, too many look-ups from one
/// client a 429 — never a 500. Who needs the total and who is rate-limited: <see cref="InvoiceLookup"/>.
/// </summary>
internal static class LookupPage
{
    /// <summary>Longest input echoed back or parsed; anything longer is malformed anyway.</summary>
    private const int MaxInput = 64;

    public static async Task<IResult> LookupAsync(HttpContext http, string? mst, string? code, string? total, ISimulatorStore store,
        RegistryService registry, PageSessions sessions, AccessLimits limits, CancellationToken ct)
    {
        var authority = registry.Current.Authority;
        var mstText = Clip(mst?.Trim());
        var codeText = Clip(code?.Trim().ToUpperInvariant());
        var totalText = Clip(total?.Trim());
        var options = new PageOptions
        {
            Language = "vi",
            Buyer = true,
            Brand = $"{authority.Name} · Tra cứu hóa đơn điện tử",
            Footer = "Cổng mô phỏng để kiểm thử — không phải cổng thông tin của cơ quan thuế. Thời gian theo giờ Việt Nam (GMT+7).",
        };

        var h = new HtmlBuilder();
        h.Add($"<h1>Tra cứu hóa đơn khởi tạo từ máy tính tiền</h1>");
        h.Add($"<p class=\"muted\">Nhập mã số thuế của người bán, mã của cơ quan thuế (MCCQT) in trên hóa đơn, ví dụ <span class=\"mono\">M1-25-A1B2C-00000000001</span>, và tổng tiền thanh toán của hóa đơn.</p>");
        Form(h, mstText, codeText, totalText);

        var (viewer, blocked) = limits.Identify(http, registry.Current, sessions);
        if (blocked is { } b) return TooMany(http, h, b, options);
        if (mst is null && code is null && total is null)
            return Html.Page("Tra cứu hóa đơn", h.ToMarkup(), options);

        // Validate both fields and report every problem at once.
        var problems = new List<(string Vi, string? Detail)>();
        if (string.IsNullOrEmpty(mstText))
            problems.Add(("Vui lòng nhập mã số thuế người bán.", null));
        else if (!TaxCode.TryParse(mstText, out _, out var mstError))
            problems.Add(("Mã số thuế không hợp lệ: MST gồm 10 chữ số, hoặc 10 chữ số, dấu \"-\" và 3 chữ số chi nhánh (chữ số thứ 10 là chữ số kiểm tra).", mstError));
        if (string.IsNullOrEmpty(codeText))
            problems.Add(("Vui lòng nhập mã của cơ quan thuế (MCCQT).", null));
        else if (!CashRegisterCode.TryParse(codeText, out _, out var codeError))
            problems.Add(("Mã của cơ quan thuế không hợp lệ: mã gồm 23 ký tự theo dạng M<loại>-<năm>-<5 ký tự>-<11 chữ số>.", codeError));
        var totals = InvoiceLookup.ParseTotal(totalText);
        if (totals is null)
            problems.Add(("Tổng tiền thanh toán không hợp lệ: nhập số tiền in trên hóa đơn, ví dụ 1.234.567.", null));
        else if (totals.Length == 0 && !viewer.IsKnown)
            problems.Add(("Vui lòng nhập tổng tiền thanh toán của hóa đơn.", null));
        if (problems.Count > 0)
        {
            h.Add($"<div class=\"msg error\" id=\"error\" role=\"alert\">");
            foreach (var (vi, detail) in problems)
            {
                h.Add($"<div>{vi}");
                if (detail is not null) h.Add($"<span class=\"detail\">{detail}</span>");
                h.Add($"</div>");
            }
            h.Add($"</div>");
            return Html.Page("Tra cứu hóa đơn — dữ liệu không hợp lệ", h.ToMarkup(), options with { Status = StatusCodes.Status400BadRequest });
        }

        if (!viewer.IsKnown && limits.Lookups.Take(ClientRateLimiter.ClientOf(http)) is { Allowed: false } refused)
            return TooMany(http, h, refused, options);
        var found = await InvoiceLookup.FindAsync(store, mstText!, codeText!, totals!, viewer, ct);
        if (found is null)
        {
            h.Add($"<div class=\"msg notfound\" id=\"not-found\" role=\"alert\">Không tìm thấy hóa đơn có mã <b class=\"mono\">{codeText}</b> của người bán có mã số thuế <b>{mstText}</b>.");
            h.Add($"<span class=\"detail\">Hóa đơn chỉ tra cứu được sau khi cơ quan thuế nhận và kiểm tra dữ liệu hợp lệ (thông báo 01/TB-KTDL). Vui lòng kiểm tra lại mã số thuế, mã hóa đơn và tổng tiền thanh toán, hoặc liên hệ người bán.</span></div>");
            return Html.Page("Tra cứu hóa đơn — không tìm thấy", h.ToMarkup(), options with { Status = StatusCodes.Status404NotFound });
        }

        var (invoice, message) = found;
        string? xml = null;
        if (message is not null)
        {
            try
            {
                xml = InvoiceXml.Extract(message.Body, invoice.Index);
            }
            catch (Exception e) when (e is XmlException or InvalidDataException)
            {
                xml = null;
            }
        }
        var state = await Corrections.InvoiceChains.StateAsync(store, invoice, ct);
        Invoice(h, invoice, state, xml is null ? null : Read(xml), xml);
        return Html.Page($"Hóa đơn {invoice.Code}", h.ToMarkup(), options);
    }

    private static IResult TooMany(HttpContext http, HtmlBuilder h, RateDecision decision, PageOptions options)
    {
        var seconds = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.RetryAfter = seconds;
        h.Add($"<div class=\"msg error\" id=\"too-many\" role=\"alert\">Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau {seconds} giây.");
        h.Add($"<span class=\"detail\">Too many look-ups from this address: try again in {seconds} s.</span></div>");
        return Html.Page("Tra cứu hóa đơn — quá nhiều yêu cầu", h.ToMarkup(), options with { Status = StatusCodes.Status429TooManyRequests });
    }

    private static void Form(HtmlBuilder h, string? mst, string? code, string? total)
    {
        h.Add($"<form class=\"lookup\" method=\"get\" action=\"/lookup\" id=\"lookup-form\">");
        h.Add($"<label>Mã số thuế người bán <span class=\"hint\">MST</span><input name=\"mst\" id=\"mst\" value=\"{mst}\" maxlength=\"14\" autocomplete=\"off\" placeholder=\"0106324653\" inputmode=\"numeric\"></label>");
        h.Add($"<label>Mã của cơ quan thuế <span class=\"hint\">MCCQT</span><input name=\"code\" id=\"code\" value=\"{code}\" maxlength=\"23\" autocomplete=\"off\" placeholder=\"M1-25-A1B2C-00000000001\" class=\"mono\"></label>");
        h.Add($"<label>Tổng tiền thanh toán <span class=\"hint\">TgTTTBSo, ví dụ 1.234.567</span><input name=\"total\" id=\"total\" value=\"{total}\" maxlength=\"30\" autocomplete=\"off\" placeholder=\"1.234.567\" inputmode=\"decimal\"></label>");
        h.Add($"<button type=\"submit\" id=\"submit\">Tra cứu</button></form>");
    }

    private static void Invoice(HtmlBuilder h, StoredInvoice i, Corrections.InvoiceState state, CashRegisterInvoice? parsed, string? xml)
    {
        var currency = i.Currency ?? parsed?.General.Currency;
        var title = parsed?.General.Name is { Length: > 0 } name ? name : i.Form switch
        {
            1 => "Hóa đơn giá trị gia tăng",
            2 => "Hóa đơn bán hàng",
            _ => "Hóa đơn",
        };
        h.Add($"<div class=\"msg\" style=\"background:#e3f4e8;border-color:#a9d8b8;color:#17612f\" id=\"found\" role=\"status\">Hóa đơn đã được cơ quan thuế tiếp nhận và lưu trữ.</div>");
        h.Add($"<div class=\"card\" id=\"invoice\"><h2 style=\"margin-top:.2rem\">{title} <span class=\"muted small\">(khởi tạo từ máy tính tiền)</span></h2>");
        h.Add($"<dl class=\"kv\">");
        Row(h, "Mã của cơ quan thuế (MCCQT)", i.Code, "inv-code", mono: true);
        Row(h, "Người bán", Html.Or(i.SellerName ?? parsed?.Seller.Name), "inv-seller");
        Row(h, "Mã số thuế người bán", i.TaxCode, "inv-seller-mst");
        if (parsed?.Seller.Address is { Length: > 0 } address) Row(h, "Địa chỉ người bán", address);
        var buyer = i.BuyerName ?? parsed?.Buyer?.Name ?? parsed?.Buyer?.BuyerPersonName;
        Row(h, "Người mua", Html.Or(buyer, "Khách lẻ (không có thông tin)"), "inv-buyer");
        if ((i.BuyerTaxCode ?? parsed?.Buyer?.TaxCode) is { Length: > 0 } buyerMst) Row(h, "Mã số thuế người mua", buyerMst);
        Row(h, "Ký hiệu mẫu số (KHMSHDon)", i.Form?.ToString(CultureInfo.InvariantCulture) ?? Html.Or(parsed?.General.FormNumber), "inv-form");
        Row(h, "Ký hiệu hóa đơn (KHHDon)", Html.Or(i.Series ?? parsed?.General.Series), "inv-series");
        Row(h, "Số hóa đơn (SHDon)", Html.Or(i.Number ?? parsed?.General.Number), "inv-number");
        Row(h, "Ngày lập", Html.DateVi(i.IssuedOn ?? parsed?.General.IssueDate), "inv-date");
        Row(h, "Tổng tiền chưa thuế", Html.Money(i.TotalBeforeTax ?? parsed?.Totals.TotalBeforeTax, currency), "inv-total-before-tax");
        Row(h, "Tổng tiền thuế GTGT", Html.Money(i.TotalTax ?? parsed?.Totals.TotalTax, currency), "inv-total-tax");
        Row(h, "Tổng tiền thanh toán", Html.Money(i.Total ?? parsed?.Totals.TotalPayable, currency), "inv-total");
        if (parsed?.Totals.TotalPayableInWords is { Length: > 0 } words) Row(h, "Bằng chữ", words);
        Row(h, "Cơ quan thuế lưu trữ lúc", Html.TimeVi(i.StoredAt) + " (GMT+7)", "inv-stored-at");
        Row(h, "Mã thông điệp (MTDiep)", i.MessageId, mono: true);
        Row(h, "Trạng thái hóa đơn", ChainView.StateVi(state), "inv-state");
        if (ChainView.RelatedVi(i) is { } related) Row(h, "Hóa đơn liên quan", related, "inv-related");
        h.Add($"</dl>");

        if (parsed is { Lines.Count: > 0 })
        {
            h.Add($"<h3>Hàng hóa, dịch vụ</h3><div class=\"scroll\"><table id=\"lines\"><thead><tr><th class=\"num\">STT</th><th>Tên hàng hóa, dịch vụ</th><th>Đơn vị tính</th><th class=\"num\">Số lượng</th><th class=\"num\">Đơn giá</th><th class=\"num\">Thành tiền</th><th class=\"num\">Thuế suất</th></tr></thead><tbody>");
            foreach (var line in parsed.Lines)
            {
                h.Add($"<tr><td class=\"num\">{line.LineNumber?.ToString(CultureInfo.InvariantCulture) ?? ""}</td><td>{line.ItemName}</td><td>{line.Unit}</td>");
                h.Add($"<td class=\"num\">{Html.Number(line.Quantity)}</td><td class=\"num\">{Html.Money(line.UnitPrice, currency)}</td>");
                h.Add($"<td class=\"num\">{Html.Money(line.Amount, currency)}</td><td class=\"num\">{Html.Or(line.VatRate, "")}</td></tr>");
            }
            h.Add($"</tbody></table></div>");
        }
        h.Add($"</div>");

        h.Add($"<h2>Dữ liệu hóa đơn (XML)</h2>");
        if (xml is null)
            h.Add($"<p class=\"muted\">Không đọc được dữ liệu XML của hóa đơn.</p>");
        else
            h.Add($"<pre id=\"xml\">{Html.PrettyXml(xml)}</pre>");
    }

    /// <summary>The invoice's lines and the fields the store does not keep; null when unreadable.</summary>
    private static CashRegisterInvoice? Read(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), SafeXml.ReaderSettings());
            return MessageReader.ReadInvoice(reader);
        }
        catch (Exception e) when (e is XmlException or MessageFormatException or InvalidDataException)
        {
            return null;
        }
    }

    private static void Row(HtmlBuilder h, string label, string value, string? id = null, bool mono = false)
    {
        h.Add($"<dt>{label}</dt><dd");
        if (id is not null) h.Add($" id=\"{id}\"");
        if (mono) h.Add($" class=\"mono\"");
        h.Add($">{value}</dd>");
    }

    private static string? Clip(string? s) => s is { Length: > MaxInput } ? s[..MaxInput] : s;
}
