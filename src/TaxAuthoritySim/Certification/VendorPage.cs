using ConformanceKit.TaxAuthoritySim.Pages;
using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>The vendor's page: its plan, the open step's instruction (Vietnamese and English) with "done", each step's verdict.</summary>
internal static class VendorPage
{
    public static IResult Show(CertificationSession s, TestPlan plan, ReferenceData registry, string? note)
    {
        var view = SessionView.Of(s, plan, registry);
        var h = new HtmlBuilder();
        h.Add($"<h1>Phiên chứng nhận / Your certification session</h1>");
        h.Add($"<dl class=\"facts\"><dt>Vendor</dt><dd>{s.VendorName}</dd><dt>System</dt><dd>{s.SystemName} {s.SystemVersion}</dd>");
        h.Add($"<dt>Plan</dt><dd id=\"plan\">{plan.Id} ({plan.Version}) — {plan.Title}</dd><dt>MNGui</dt><dd id=\"sender\">{s.Sender}</dd>");
        h.Add($"<dt>MST</dt><dd id=\"mst\">{s.TaxCode}</dd><dt>Code blocks</dt><dd id=\"blocks\">{string.Join(", ", view.Blocks)}</dd></dl>");
        if (note == "processing")
            h.Add($"<div class=\"msg warn\" id=\"note\" role=\"status\">A package of this step is still being checked: end the step again in a moment. / Gói tin đang được kiểm tra.</div>");
        else if (note == "not-open")
            h.Add($"<div class=\"msg warn\" id=\"note\" role=\"status\">That step is not open. / Bước này không mở.</div>");
        if (view.Steps.FirstOrDefault(x => x.StepId == view.CurrentStep) is { } current)
        {
            h.Add($"<section id=\"current-step\" data-step-id=\"{current.StepId}\"><h2>Bước hiện tại / Current step: {current.Title}</h2>");
            h.Add($"<p lang=\"vi\" id=\"instruction-vi\">{current.InstructionVi}</p><p lang=\"en\" id=\"instruction-en\">{current.InstructionEn}</p>");
            h.Add($"<form method=\"post\" action=\"/certification/session/steps/{current.StepId}/done\">");
            h.Add($"<button type=\"submit\" id=\"step-done\">Đã xong bước này / Step done</button></form>");
            h.Add($"<p class=\"muted small\">Scripts: <code>POST /api/v1/certification/steps/{current.StepId}/done</code> with the session's X-Api-Key.</p></section>");
        }
        else
        {
            h.Add($"<p id=\"session-ended\">Phiên đã kết thúc / The session has ended. Verdict: <strong id=\"session-verdict\">{view.Verdict}</strong>. The certifier issues the certificate.</p>");
        }
        h.Add($"<h2>Các bước / Steps</h2>");
        CertifierPages.StepsTable(h, view, linkMessages: true);
        return Html.Page("Certification — your session", h.ToMarkup(), new PageOptions { SignedInAs = s.Sender, Language = "vi" });
    }
}
