using ConformanceKit.TaxAuthoritySim.Pages;
using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>The certifier's pages: the sessions and the form to create one, a new session's key (once), one session's progress.</summary>
internal static class CertifierPages
{
    private static readonly PageOptions Options = new() { SignedInAs = "đơn vị chứng nhận / certifier" };

    public static IResult List(IReadOnlyList<CertificationSession> sessions, CertificationService c, ReferenceData registry,
        IReadOnlyList<string>? problems = null, int status = 200)
    {
        var h = new HtmlBuilder();
        h.Add($"<h1>Chứng nhận / Certification sessions</h1>");
        h.Add($"<p class=\"muted\">Each session is one vendor's system under one plan, with its own sender, taxpayer and code block. ");
        h.Add($"Its key is shown once, when it is created: hand it to the vendor, who opens <code>/certification/session</code> with it.</p>");
        h.Add($"<table id=\"sessions\"><thead><tr><th>Session</th><th>Vendor</th><th>System</th><th>Plan</th><th>Sender</th><th>Open step</th><th>Verdict</th></tr></thead><tbody>");
        foreach (var s in sessions)
        {
            var view = SessionView.Of(s, c.Plans.Find(s.PlanId)!, registry);
            h.Add($"<tr data-session-id=\"{s.Id}\"><td><a href=\"/certification/sessions/{s.Id}\">{s.Id}</a></td><td>{s.VendorName}</td>");
            h.Add($"<td>{s.SystemName} {s.SystemVersion}</td><td>{s.PlanId} <span class=\"muted\">{s.PlanVersion}</span></td><td>{s.Sender}</td>");
            h.Add($"<td>{Html.Or(view.CurrentStep)}</td><td class=\"verdict\">{view.Verdict}</td></tr>");
        }
        if (sessions.Count == 0) h.Add($"<tr><td colspan=\"7\" class=\"muted\">No session yet.</td></tr>");
        h.Add($"</tbody></table>");

        h.Add($"<h2>Tạo phiên / New session</h2>");
        if (problems is { Count: > 0 })
        {
            h.Add($"<div class=\"msg error\" id=\"create-error\" role=\"alert\"><ul>");
            foreach (var p in problems) h.Add($"<li>{p}</li>");
            h.Add($"</ul></div>");
        }
        h.Add($"<form class=\"lookup\" method=\"post\" action=\"/certification/sessions\" id=\"create-form\">");
        h.Add($"<label>Vendor <input name=\"vendorName\" id=\"vendorName\" required maxlength=\"200\"></label>");
        h.Add($"<label>System <input name=\"systemName\" id=\"systemName\" required maxlength=\"200\"></label>");
        h.Add($"<label>Version <input name=\"systemVersion\" id=\"systemVersion\" required maxlength=\"200\"></label>");
        h.Add($"<label>Plan <select name=\"planId\" id=\"planId\">");
        foreach (var p in c.Plans.All.OrderBy(p => p.Id)) h.Add($"<option value=\"{p.Id}\">{p.Id} ({p.Version}) — {p.Title}</option>");
        h.Add($"</select></label>");
        h.Add($"<label>Taxpayer MST <span class=\"hint\">optional; a fresh one otherwise</span><input name=\"taxCode\" id=\"taxCode\" maxlength=\"14\"></label>");
        h.Add($"<label>T-VAN MST <span class=\"hint\">optional, T-VAN plans</span><input name=\"tvanTaxCode\" id=\"tvanTaxCode\" maxlength=\"14\"></label>");
        h.Add($"<label>Callback URL <span class=\"hint\">optional</span><input name=\"callbackUrl\" id=\"callbackUrl\" maxlength=\"500\"></label>");
        h.Add($"<button type=\"submit\" id=\"create\">Tạo / Create</button></form>");
        return Html.Page("Certification — ConformanceKit simulator", h.ToMarkup(), Options with { Status = status });
    }

    public static IResult Created(CreatedSession created)
    {
        var h = new HtmlBuilder();
        h.Add($"<h1>Phiên {created.SessionId} / Session created</h1>");
        h.Add($"<div class=\"msg warn\" role=\"alert\">The key below is shown <strong>only now</strong>; the server keeps only its hash. ");
        h.Add($"Hand it to the vendor through a safe channel. / Khóa chỉ hiển thị một lần.</div>");
        h.Add($"<dl class=\"facts\"><dt>Session</dt><dd id=\"new-session\"><a href=\"/certification/sessions/{created.SessionId}\">{created.SessionId}</a></dd>");
        h.Add($"<dt>Key (X-Api-Key)</dt><dd><code id=\"new-key\">{created.ApiKey}</code></dd>");
        h.Add($"<dt>Sender (MNGui)</dt><dd id=\"new-sender\">{created.Sender}</dd><dt>Taxpayer MST</dt><dd id=\"new-mst\">{created.TaxCode}</dd>");
        h.Add($"<dt>Code block</dt><dd id=\"new-block\">{string.Join(", ", created.Blocks)}</dd>");
        h.Add($"<dt>Plan</dt><dd>{created.PlanId} ({created.PlanVersion})</dd></dl>");
        h.Add($"<p>The vendor's system sends to <code>/api/v1/messages</code> with this key; the vendor follows the plan at ");
        h.Add($"<code>/certification/session</code> (log in with the key).</p><p><a href=\"/certification\">All sessions</a></p>");
        return Html.Page("Session created — certification", h.ToMarkup(), Options with { Status = 201 });
    }

    public static IResult Session(CertificationSession s, TestPlan plan, ReferenceData registry, bool canSign)
    {
        var view = SessionView.Of(s, plan, registry);
        var h = new HtmlBuilder();
        h.Add($"<h1>Phiên / Session {s.Id}</h1>");
        h.Add($"<dl class=\"facts\"><dt>Vendor</dt><dd id=\"vendor\">{s.VendorName}</dd><dt>System</dt><dd id=\"system\">{s.SystemName} {s.SystemVersion}</dd>");
        h.Add($"<dt>Plan</dt><dd>{plan.Id} ({plan.Version}) — {plan.Title}</dd><dt>Sender</dt><dd>{s.Sender}</dd><dt>Taxpayer</dt><dd>{s.TaxCode}</dd>");
        h.Add($"<dt>Blocks</dt><dd>{string.Join(", ", view.Blocks)}</dd><dt>Started</dt><dd>{Html.Time(s.StartedAt)}</dd>");
        h.Add($"<dt>Ended</dt><dd>{Html.Time(s.EndedAt)}</dd><dt>Requests seen</dt><dd id=\"requests\">{s.Activity.Count}</dd>");
        h.Add($"<dt>Verdict</dt><dd id=\"session-verdict\" class=\"{CertificationPages.VerdictClass(view.Verdict)}\">{view.Verdict}</dd></dl>");
        StepsTable(h, view, linkMessages: true);
        if (s.IsOpen)
        {
            h.Add($"<form class=\"lookup\" method=\"post\" action=\"/certification/sessions/{s.Id}/clock/advance\" id=\"advance-form\">");
            h.Add($"<label>Giờ của phiên / This session's clock <span class=\"hint\" id=\"clock-offset\">ahead by {s.ClockOffset.TotalMinutes:0.##} min</span>");
            h.Add($"<input name=\"minutes\" id=\"advance-minutes\" type=\"number\" min=\"1\" step=\"any\" value=\"20\"></label>");
            h.Add($"<button type=\"submit\" id=\"advance-clock\">Tiến giờ phiên / Advance this session's clock (minutes)</button></form>");
            h.Add($"<form method=\"post\" action=\"/certification/sessions/{s.Id}/end\"><button type=\"submit\" id=\"end-session\">Kết thúc phiên / End session</button></form>");
        }
        else
        {
            h.Add($"<p><a id=\"download-certificate\" href=\"/certification/sessions/{s.Id}/certificate\">Tải chứng nhận / Download certificate</a>");
            if (!canSign) h.Add($" <span class=\"muted\" id=\"no-issuer\">(this server has no signing key: it explains how to sign with <code>ck</code>)</span>");
            h.Add($" · <a id=\"result-json\" href=\"/certification/sessions/{s.Id}/result.json\">Result (JSON)</a></p>");
        }
        return Html.Page($"Session {s.Id} — certification", h.ToMarkup(), Options with { RefreshSeconds = s.IsOpen ? 10 : null });
    }

    /// <summary>Each step: title, instruction, verdict, reasons and the messages involved (linked to their pages).</summary>
    public static void StepsTable(HtmlBuilder h, SessionView view, bool linkMessages)
    {
        h.Add($"<table id=\"steps\"><thead><tr><th>#</th><th>Step</th><th>Verdict</th><th>Reasons</th><th>Messages</th></tr></thead><tbody>");
        var i = 0;
        foreach (var step in view.Steps)
        {
            i++;
            h.Add($"<tr data-step-id=\"{step.StepId}\"><td>{i}</td><td><strong>{step.Title}</strong><br><span class=\"small\">{step.InstructionEn}</span></td>");
            h.Add($"<td class=\"verdict {CertificationPages.VerdictClass(step.Verdict)}\">{step.Verdict}</td><td><ul class=\"reasons\">");
            foreach (var r in step.Reasons) h.Add($"<li>{r}</li>");
            h.Add($"</ul></td><td>");
            foreach (var m in step.Messages)
                if (linkMessages) h.Add($"<a class=\"message\" href=\"{Html.MessageUrl(m)}\">{m}</a><br>");
                else h.Add($"<code>{m}</code><br>");
            h.Add($"</td></tr>");
        }
        h.Add($"</tbody></table>");
    }
}
