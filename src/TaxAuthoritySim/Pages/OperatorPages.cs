using System.Globalization;
using System.Xml;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.TaxAuthoritySim.Access;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Pages;

/// <summary>
/// The pages for the person running a test: / (recent packages with their outcome and the simulator's
/// state) and /messages/{MTDiep} (one message, its responses, stored invoices and journal lines).
/// </summary>
internal static class OperatorPages
{
    public const int RecentCount = 50;

    /// <summary>Auto-refresh period offered by the toggle.</summary>
    public const int RefreshSeconds = 2;

    /// <summary>Journal lines read at most while looking for one message's lines.</summary>
    private const int JournalScanLimit = 200_000;

    private const int JournalPage = 5_000;

    /// <summary>Message bodies larger than this are shown cut.</summary>
    private const int BodyDisplayChars = 256 * 1024;

    public static async Task<IResult> RecentAsync(Viewer viewer, string? refresh, ISimulatorStore store, SimulatedClock clock,
        SimulatorSettings settings, RegistryService registry, CancellationToken ct)
    {
        var refreshing = IsOn(refresh);
        // A T-VAN sees its own messages only, and no store-wide figures.
        var counts = viewer.IsAdmin ? await store.CountsAsync(ct) : null;
        var messages = await store.RecentMessagesAsync(RecentCount, viewer.TvanCode, ct);
        var reg = registry.Current;

        var h = new HtmlBuilder();
        h.Add($"<h1>Thông điệp gần đây / Recent packages</h1>");
        StatusStrip(h, store, counts, clock, settings, refreshing, "/");

        if (messages.Count == 0)
        {
            h.Add($"<div class=\"card muted\" id=\"no-messages\">Chưa nhận thông điệp nào. / No message received yet: POST a 206 package to ");
            h.Add($"<code>/api/v1/messages</code> with the header <code>X-Api-Key</code> (see <a href=\"/swagger\">Swagger</a>).</div>");
        }
        else
        {
            h.Add($"<p class=\"muted small\">{(messages.Count == 1 ? "The one message" : $"The last {messages.Count} messages")} taken for processing, newest first (messages refused at reception with a 999 TTTNhan 1 are not stored: see the journal, <code>GET /admin/v1/journal</code>).</p>");
            h.Add($"<div class=\"scroll\"><table id=\"messages\"><thead><tr><th>Nhận lúc / Received (GMT+7)</th><th>Loại / Type</th><th>MTDiep</th><th>MST</th><th>T-VAN</th><th class=\"num\">SL</th><th>Trạng thái / State</th><th>Kết quả / Outcome</th></tr></thead><tbody>");
            foreach (var m in messages)
            {
                var taxpayer = reg.Taxpayer(m.TaxCode);
                var tvan = reg.Tvans.GetValueOrDefault(m.TvanCode);
                h.Add($"<tr data-message-id=\"{m.MessageId}\"><td class=\"nowrap\">{Html.Time(m.ReceivedAt)}</td>");
                h.Add($"<td class=\"nowrap\" title=\"{TypeName(m.Type)}\">{m.Type}</td>");
                h.Add($"<td class=\"mono id\"><a href=\"{Html.MessageUrl(m.MessageId)}\">{m.MessageId}</a></td>");
                h.Add($"<td class=\"nowrap\" title=\"{taxpayer?.Name}\">{Html.Or(m.TaxCode)}</td>");
                h.Add($"<td class=\"nowrap\" title=\"{tvan?.Name}\">{m.TvanCode}</td>");
                h.Add($"<td class=\"num\">{(m.Count is { } n ? n.ToString(CultureInfo.InvariantCulture) : "—")}</td>");
                h.Add($"<td>{State(m)}</td><td class=\"outcome\">{Outcome(m)}</td></tr>");
            }
            h.Add($"</tbody></table></div>");
        }

        return Html.Page("Recent packages — ConformanceKit simulator", h.ToMarkup(),
            new PageOptions { RefreshSeconds = refreshing ? RefreshSeconds : null, SignedInAs = viewer.Label });
    }

    public static async Task<IResult> MessageAsync(Viewer viewer, string messageId, string? refresh, ISimulatorStore store, SimulatedClock clock,
        SimulatorSettings settings, RegistryService registry, CancellationToken ct)
    {
        var id = messageId.Trim();
        var message = id.Length is > 0 and <= 100 ? await store.GetMessageAsync(id, ct) : null;
        // Another T-VAN's message is "not found", exactly as an unknown one: its existence is not revealed.
        if (message is not null && viewer.TvanCode is { } own && message.TvanCode != own) message = null;
        if (message is null)
        {
            var nf = new HtmlBuilder();
            nf.Add($"<h1>Thông điệp / Message</h1>");
            nf.Add($"<div class=\"msg notfound\" id=\"not-found\">Không tìm thấy thông điệp <span class=\"mono\">{id}</span>. / No message with this MTDiep was taken for processing.");
            nf.Add($"<span class=\"detail\">A message refused at reception (999 TTTNhan 1) is not stored; the journal (<code>GET /admin/v1/journal</code>) lists it.</span></div>");
            nf.Add($"<p><a href=\"/\">← Recent packages</a></p>");
            return Html.Page("Message not found — ConformanceKit simulator", nf.ToMarkup(),
                new PageOptions { Status = StatusCodes.Status404NotFound, SignedInAs = viewer.Label });
        }

        var refreshing = IsOn(refresh);
        var reg = registry.Current;
        var taxpayer = reg.Taxpayer(message.TaxCode);
        var tvan = reg.Tvans.GetValueOrDefault(message.TvanCode);
        var responses = (await store.ResponsesToAsync(message.MessageId, ct))
            .Where(r => viewer.TvanCode is not { } own || r.TvanCode == own).ToList();
        var invoices = message.Type == "303" ? await ChainView.ConcernedAsync(store, message, ct) : await store.InvoicesOfAsync(message.MessageId, ct);
        var (journal, journalCut) = await JournalOfAsync(store, message, ct);

        var h = new HtmlBuilder();
        h.Add($"<p class=\"small\"><a href=\"/\">← Recent packages</a> · ");
        var self = Html.MessageUrl(message.MessageId);
        if (refreshing) h.Add($"auto-refresh every {RefreshSeconds} s · <a href=\"{self}\">stop</a></p>");
        else h.Add($"<a href=\"{self + "?refresh=on"}\">auto-refresh</a></p>");
        h.Add($"<h1>Thông điệp {message.Type} / Message <span class=\"mono\">{message.MessageId}</span></h1>");

        h.Add($"<div class=\"card\"><dl class=\"kv\" id=\"message\">");
        Row(h, "Loại / Type", message.Type + " — " + TypeName(message.Type));
        Row(h, "MTDiep", message.MessageId, mono: true);
        Row(h, "MNGui / Sender", message.Sender, mono: true);
        Row(h, "T-VAN", tvan is null ? message.TvanCode : $"{message.TvanCode} — {tvan.Name}");
        Row(h, "MST", message.TaxCode is null ? "—" : taxpayer is null ? message.TaxCode + " (not in the registry)" : $"{message.TaxCode} — {taxpayer.Name}");
        Row(h, "SLuong", message.Count?.ToString(CultureInfo.InvariantCulture) ?? "—");
        Row(h, "Nhận lúc / Received (GMT+7)", Html.Time(message.ReceivedAt));
        Row(h, "Hạn xử lý / Due (GMT+7)", Html.Time(message.DueAt));
        h.Add($"<dt>Trạng thái / State</dt><dd>{State(message)}</dd>");
        Row(h, "Xử lý lúc / Processed (GMT+7)", Html.Time(message.ProcessedAt));
        h.Add($"<dt>Kết quả / Outcome</dt><dd id=\"outcome\">{Outcome(message)}</dd>");
        Row(h, "Kích thước / Size", message.Body.Length.ToString("#,0", CultureInfo.InvariantCulture) + " bytes");
        Row(h, "SHA-256", message.Sha256, mono: true);
        h.Add($"</dl></div>");

        h.Add($"<h2>Phản hồi / Responses ({responses.Count})</h2>");
        if (responses.Count == 0)
            h.Add($"<p class=\"muted\" id=\"no-responses\">None visible yet. / Chưa có phản hồi.</p>");
        foreach (var r in responses)
            Response(h, r);

        h.Add($"<h2>Hóa đơn đã lưu / Stored invoices ({invoices.Count})</h2>");
        if (invoices.Count == 0)
            h.Add($"<p class=\"muted\" id=\"no-invoices\">{(message.Type == "206" ? "None: a package's invoices are stored only when it passes every check (204 LTBao 2)." : "None: only 206 packages carry invoices (and a 303 lists the stored invoices it concerns).")}</p>");
        else
            Invoices(h, invoices, await ChainView.StatesAsync(store, invoices, ct));

        h.Add($"<h2>Nhật ký / Journal ({journal.Count})</h2>");
        Journal(h, journal, journalCut);

        h.Add($"<h2>Nội dung / Message body</h2><details><summary>XML ({message.Body.Length.ToString("#,0", CultureInfo.InvariantCulture)} bytes)</summary><pre>{Html.PrettyXml(message.Body, BodyDisplayChars)}</pre></details>");

        return Html.Page($"{message.Type} {message.MessageId} — ConformanceKit simulator", h.ToMarkup(),
            new PageOptions { RefreshSeconds = refreshing ? RefreshSeconds : null, SignedInAs = viewer.Label });
    }

    private static void StatusStrip(HtmlBuilder h, ISimulatorStore store, StoreCounts? counts, SimulatedClock clock,
        SimulatorSettings settings, bool refreshing, string self)
    {
        var rate = clock.Rate.ToString("0.###", CultureInfo.InvariantCulture);
        h.Add($"<div class=\"strip\" id=\"status\">");
        if (counts is not null)
        {
            h.Add($"<div title=\"{store.Description}\">Lưu trữ / Store: <b id=\"store-kind\">{store.Kind}</b></div>");
            h.Add($"<div>Thông điệp / Messages: <b id=\"count-messages\">{counts.Messages}</b> (đang xử lý / pending <b>{counts.Pending}</b>)</div>");
            h.Add($"<div>Hóa đơn / Invoices: <b id=\"count-invoices\">{counts.Invoices}</b></div>");
            h.Add($"<div>Phản hồi / Responses: <b>{counts.Responses}</b> (callbacks pending <b>{counts.PendingCallbacks}</b>)</div>");
        }
        else
        {
            h.Add($"<div>Chỉ thông điệp của T-VAN này / This T-VAN's messages only</div>");
        }
        h.Add($"<div>Giờ mô phỏng / Clock: <b id=\"clock\">{Html.Time(clock.GetUtcNow())}</b> GMT+7, ×{rate}{(clock.IsReal ? " (real time)" : " (simulated)")}</div>");
        h.Add($"<div>Độ trễ 204 / 204 delay: <b>{Html.Seconds(settings.ProcessingDelay)}</b> (≤ 15 min)</div>");
        if (refreshing)
            h.Add($"<div>Tự làm mới / Auto-refresh: <b>every {RefreshSeconds} s</b> · <a id=\"refresh-toggle\" href=\"{self}\">stop</a></div>");
        else
            h.Add($"<div>Tự làm mới / Auto-refresh: off · <a id=\"refresh-toggle\" href=\"{self + "?refresh=on"}\">every {RefreshSeconds} s</a></div>");
        h.Add($"</div>");
        h.Add($"<p class=\"small\">Links: <a href=\"/lookup\">Tra cứu hóa đơn / Invoice look-up</a> · <a href=\"/swagger\">Swagger UI</a> · ");
        h.Add($"<a href=\"/openapi/v1.json\">/openapi/v1.json</a> · <a href=\"/api/v1/certificate\">/api/v1/certificate</a> (PEM) · <a href=\"/health\">/health</a></p>");
    }

    private static void Response(HtmlBuilder h, OutboundResponse r)
    {
        h.Add($"<div class=\"card response\" data-type=\"{r.Type}\" id=\"response-{r.Seq}\">");
        h.Add($"<h3>{r.Type} — {TypeName(r.Type)} {Badge(r.Summary)}</h3><dl class=\"kv\">");
        Row(h, "MTDiep", r.ResponseId, mono: true);
        Row(h, "Tạo lúc / Created (GMT+7)", Html.Time(r.CreatedAt));
        if (r.VisibleAt != r.CreatedAt) Row(h, "Hiển thị / Visible (GMT+7)", Html.Time(r.VisibleAt));
        Row(h, "Tóm tắt / Summary", Html.Or(r.Summary));
        Row(h, "Callback", r.Callback switch
        {
            CallbackState.None => "none (the T-VAN has no callback URL)",
            CallbackState.Pending => $"pending, {r.CallbackAttempts} attempt(s)" + (r.NextCallbackAt is { } n ? ", next " + Html.Time(n) : "")
                + (r.CallbackError is { Length: > 0 } e ? " — " + e : ""),
            CallbackState.Delivered => $"delivered after {r.CallbackAttempts} attempt(s)",
            _ => r.Callback.ToString(),
        });

        try
        {
            switch (r.Type)
            {
                case "999": Ack(h, MessageReader.Read<TechnicalAck>(r.Body)); break;
                case "204": DataCheck(h, MessageReader.Read<DataCheckNotice>(r.Body)); break;
                case "102": Receipt(h, MessageReader.Read<RegistrationReceipt>(r.Body)); break;
                case "103": Decision(h, MessageReader.Read<RegistrationDecision>(r.Body)); break;
                case "301": ChainView.Reply(h, MessageReader.Read<ErroneousInvoiceReply>(r.Body)); break;
                default: h.Add($"</dl>"); break;
            }
        }
        catch (Exception e) when (e is MessageFormatException or XmlException or InvalidDataException)
        {
            h.Add($"</dl><p class=\"msg error\">The stored {r.Type} could not be read: {e.Message}</p>");
        }

        h.Add($"<details><summary>XML</summary><pre>{Html.PrettyXml(r.Body)}</pre></details></div>");
    }

    private static void Ack(HtmlBuilder h, TechnicalAck ack)
    {
        Row(h, "TTTNhan", ack.Status switch
        {
            0 => "0 — tiếp nhận / received",
            1 => "1 — có lỗi / error",
            { } s => s.ToString(CultureInfo.InvariantCulture),
            null => "—",
        });
        Row(h, "NNhan", Html.Time(ack.ReceivedAt));
        h.Add($"</dl>");
        Reasons(h, ack.Reasons);
    }

    private static void DataCheck(HtmlBuilder h, DataCheckNotice n)
    {
        var kind = n.Kind switch
        {
            2 => "2 — dữ liệu hợp lệ / package valid, invoices stored",
            7 => "7 — dữ liệu không hợp lệ / package failed the check, nothing stored",
            { } k => k.ToString(CultureInfo.InvariantCulture),
            null => "—",
        };
        h.Add($"<dt>LTBao</dt><dd class=\"ltbao\">{kind}</dd>");
        Row(h, "MSo", Html.Or(n.FormNumber));
        Row(h, "So / NTBao", $"{Html.Or(n.Number)} / {Html.Iso(n.NoticeDate)}");
        Row(h, "MGDDTu", Html.Or(n.TransactionId), mono: true);
        Row(h, "SLuong", n.Count?.ToString(CultureInfo.InvariantCulture) ?? "—");
        Row(h, "TGGui", Html.Time(n.SentAt));
        h.Add($"</dl>");
        if (n.Errors is not { Count: > 0 } errors) return;
        h.Add($"<div class=\"scroll\"><table class=\"errors\"><thead><tr><th class=\"num\">STT</th><th>MLoi</th><th>MTLoi</th><th>HDXLy</th><th>GChu</th></tr></thead><tbody>");
        foreach (var e in errors)
        {
            h.Add($"<tr><td class=\"num\">{e.Index?.ToString(CultureInfo.InvariantCulture) ?? ""}</td><td class=\"mono mloi\"><b>{e.Code}</b></td>");
            h.Add($"<td>{e.Text}</td><td>{e.Action}</td><td class=\"small\">{e.Note}</td></tr>");
        }
        h.Add($"</tbody></table></div>");
    }

    private static void Receipt(HtmlBuilder h, RegistrationReceipt n)
    {
        Row(h, "THop", n.Case switch
        {
            1 => "1 — tiếp nhận / received",
            { } c => c.ToString(CultureInfo.InvariantCulture) + " — không tiếp nhận / not received",
            null => "—",
        });
        Row(h, "MGDDTu", Html.Or(n.TransactionId), mono: true);
        Row(h, "TGNhan", Html.Time(n.ReceivedAt));
        h.Add($"</dl>");
        Reasons(h, n.Reasons);
    }

    private static void Decision(HtmlBuilder h, RegistrationDecision n)
    {
        Row(h, "TTXNCQT", n.Accepted switch
        {
            1 => "1 — chấp nhận / accepted",
            2 => "2 — không chấp nhận / not accepted",
            { } a => a.ToString(CultureInfo.InvariantCulture),
            null => "—",
        });
        Row(h, "MGDDTu", Html.Or(n.TransactionId), mono: true);
        Row(h, "DSMKhoi (C5–C9)", n.CodeBlocks is { Count: > 0 } b ? string.Join(", ", b) : "—", mono: true);
        Row(h, "HLuc", Html.Iso(n.EffectiveDate));
        h.Add($"</dl>");
        Reasons(h, n.Reasons);
    }

    private static void Reasons(HtmlBuilder h, List<Reason>? reasons)
    {
        if (reasons is not { Count: > 0 }) return;
        h.Add($"<table class=\"errors\"><thead><tr><th>MLoi</th><th>MTa</th></tr></thead><tbody>");
        foreach (var r in reasons)
            h.Add($"<tr><td class=\"mono mloi\"><b>{r.Code}</b></td><td>{r.Description}</td></tr>");
        h.Add($"</tbody></table>");
    }

    private static void Invoices(HtmlBuilder h, IReadOnlyList<StoredInvoice> invoices, IReadOnlyDictionary<string, Corrections.InvoiceState> states)
    {
        h.Add($"<div class=\"scroll\"><table id=\"invoices\"><thead><tr><th class=\"num\">#</th><th>MCCQT</th><th>KHMSHDon · KHHDon</th><th>SHDon</th><th>NLap</th><th>Người mua / Buyer</th><th class=\"num\">Tổng cộng / Total</th><th>Lưu lúc / Stored (GMT+7)</th><th>Trạng thái / State</th></tr></thead><tbody>");
        foreach (var i in invoices)
        {
            h.Add($"<tr><td class=\"num\">{i.Index}</td><td class=\"mono\"><a href=\"{Html.LookupUrl(i.TaxCode, i.Code, i.Total)}\">{i.Code}</a></td>");
            h.Add($"<td>{(i.Form?.ToString(CultureInfo.InvariantCulture) ?? "")}{Html.Or(i.Series, "")}</td><td>{Html.Or(i.Number)}</td><td class=\"nowrap\">{Html.Iso(i.IssuedOn)}</td>");
            h.Add($"<td>{Html.Or(i.BuyerName)}{(i.BuyerTaxCode is { Length: > 0 } b ? " (" + b + ")" : "")}</td>");
            h.Add($"<td class=\"num\">{Html.Money(i.Total, i.Currency)}</td><td class=\"nowrap\">{Html.Time(i.StoredAt)}</td>");
            h.Add($"<td class=\"state\">{(states.TryGetValue(i.Code, out var state) ? ChainView.StateEn(state) : "—")}</td></tr>");
        }
        h.Add($"</tbody></table></div>");
    }

    private static void Journal(HtmlBuilder h, IReadOnlyList<JournalEntry> journal, bool cut)
    {
        if (cut)
            h.Add($"<p class=\"muted small\">Only the first {JournalScanLimit:N0} journal lines of this MST were searched.</p>");
        if (journal.Count == 0)
        {
            h.Add($"<p class=\"muted\">No journal line for this message.</p>");
            return;
        }
        h.Add($"<div class=\"scroll\"><table id=\"journal\"><thead><tr><th>Lúc / At (GMT+7)</th><th>Real (UTC)</th><th></th><th>Loại</th><th>MTDiep</th><th>HTTP</th><th>Kết quả / Outcome</th><th class=\"num\">Latency</th></tr></thead><tbody>");
        foreach (var j in journal)
        {
            var latency = j.LatencySeconds is { } s
                ? s.ToString("0.###", CultureInfo.InvariantCulture) + " s" + (j.LatencyMs is { } ms ? $" ({ms.ToString("0", CultureInfo.InvariantCulture)} ms real)" : "")
                : "";
            h.Add($"<tr><td class=\"nowrap\">{Html.Time(j.At)}</td><td class=\"nowrap small muted\">{j.WallAt.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}</td>");
            h.Add($"<td class=\"nowrap\">{(j.Direction == "in" ? "→ in" : "← out")}</td><td>{j.Type}</td><td class=\"mono small\">{Html.Or(j.MessageId)}</td>");
            h.Add($"<td>{j.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? ""}</td><td>{Html.Or(j.Outcome, "")}</td><td class=\"num small\">{latency}</td></tr>");
        }
        h.Add($"</tbody></table></div>");
    }

    /// <summary>The journal lines in or out for this message. The store filters by MST only, so this pages through that MST's lines.</summary>
    private static async Task<(IReadOnlyList<JournalEntry> Lines, bool Cut)> JournalOfAsync(ISimulatorStore store, InboundMessage m,
        CancellationToken ct)
    {
        var found = new List<JournalEntry>();
        long after = 0;
        var read = 0;
        while (true)
        {
            var page = await store.JournalAsync(new JournalQuery { TaxCode = m.TaxCode, After = after, Limit = JournalPage }, ct);
            found.AddRange(page.Where(j => j.MessageId == m.MessageId || j.ReplyTo == m.MessageId));
            read += page.Count;
            if (page.Count < JournalPage) return (found, false);
            if (read >= JournalScanLimit) return (found, true);
            after = page[^1].Seq;
        }
    }

    private static void Row(HtmlBuilder h, string label, string value, bool mono = false)
    {
        h.Add($"<dt>{label}</dt><dd");
        if (mono) h.Add($" class=\"mono\"");
        h.Add($">{value}</dd>");
    }

    private static bool IsOn(string? refresh) =>
        refresh is { Length: > 0 } r && !r.Equals("off", StringComparison.OrdinalIgnoreCase) && r != "0" &&
        !r.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static Markup State(InboundMessage m) => m.State == MessageState.Processed
        ? Html.Raw("<span class=\"badge info\">Processed</span>")
        : Html.Raw("<span class=\"badge wait\">Received</span>");

    private static Markup Outcome(InboundMessage m)
    {
        if (m.Outcome is null)
        {
            var h = new HtmlBuilder();
            h.Add($"<span class=\"muted\">đang xử lý / pending, due {Html.Time(m.DueAt)}</span>");
            return h.ToMarkup();
        }
        return Badge(m.Outcome);
    }

    private static Markup Badge(string? text)
    {
        if (string.IsNullOrEmpty(text)) return default;
        var bad = text.Contains("LTBao 7", StringComparison.Ordinal) || text.Contains("TTTNhan 1", StringComparison.Ordinal)
            || text.Contains("THop 2", StringComparison.Ordinal) || text.Contains("THop 3", StringComparison.Ordinal)
            || text.Contains("THop 4", StringComparison.Ordinal) || text.Contains("TTXNCQT 2", StringComparison.Ordinal)
            || text.StartsWith("not processed", StringComparison.Ordinal);
        var h = new HtmlBuilder();
        h.Add($"<span class=\"badge {(bad ? "bad" : "ok")}\">{text}</span>");
        return h.ToMarkup();
    }

    public static string TypeName(string type) => type switch
    {
        "100" => "Đăng ký sử dụng HĐĐT (01/ĐKTĐ-HĐĐT) / registration",
        "102" => "Thông báo tiếp nhận (01/TB-TNĐT) / receipt of the registration",
        "103" => "Thông báo chấp nhận (01/TB-ĐKĐT) / acceptance of the registration",
        "204" => "Thông báo kết quả kiểm tra dữ liệu (01/TB-KTDL) / data-check result",
        "206" => "Gói HĐ khởi tạo từ máy tính tiền / cash-register invoice package",
        "301" => "Thông báo tiếp nhận HĐ sai sót (01/TB-HĐSS) / reply to an erroneous-invoice notice",
        "302" => "Thông báo rà soát (01/TB-RSĐT) / invoices to review",
        "303" => "Thông báo HĐ sai sót (04/SS-HĐĐT) / erroneous-invoice notice",
        "999" => "Thông điệp phản hồi kỹ thuật / technical acknowledgement",
        _ => "loại khác / other type",
    };
}
