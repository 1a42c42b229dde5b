using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConformanceKit.Harness.Reports;

/// <summary>
/// report.html: one self-contained page for a certifier (inline CSS and JS, nothing fetched; a Content Security
/// Policy forbids it). The whole RunReport is embedded as JSON in <c>&lt;script type="application/json" id="ck-report"&gt;</c>.
/// The last thing in the file is <c>&lt;!-- ck-signature {…} --&gt;</c>, a <see cref="ReportSignature"/> over every
/// byte before that comment.
/// </summary>
public static partial class HtmlReport
{
    /// <summary>Opens the signature comment; the signature's JSON and " -->" follow.</summary>
    public const string SignatureMarker = "<!-- ck-signature ";

    private const string SignatureEnd = " -->";
    private const string EmbedStart = "<script type=\"application/json\" id=\"ck-report\">";
    private const string EmbedEnd = "</script>";

    /// <summary>For the embedded JSON: compact, and with '&lt;', '&gt;', '&amp;' and non-ASCII escaped (safe in a script block).</summary>
    private static readonly JsonSerializerOptions EmbedOptions = new(JsonReport.Options)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.Default,
    };

    /// <summary>The bytes of report.html for <paramref name="report"/>, signed.</summary>
    public static byte[] Write(RunReport report, ReportSigner signer, DateTimeOffset signedAt)
    {
        var page = Encoding.UTF8.GetBytes(Compose(report, signer));
        var signature = ReportSignature.Create(signer, page, signedAt);
        var trailer = Encoding.UTF8.GetBytes(SignatureMarker + signature.ToJson() + SignatureEnd + "\n");
        return [.. page, .. trailer];
    }

    /// <summary>Checks a report.html (without trust decisions; see <see cref="ReportVerifier"/>).</summary>
    public static ReportVerification Verify(ReadOnlySpan<byte> file)
    {
        var marker = file.LastIndexOf(Encoding.UTF8.GetBytes(SignatureMarker));
        var content = marker < 0 ? file : file[..marker];
        var report = Embedded(content);
        var facts = report is null ? null : ReportFacts.Of(report);
        if (marker < 0)
            return report is null
                ? ReportVerification.NotAReport(ReportFormat.Html, "an HTML file, but not a ck report (no embedded ck-report)")
                : new ReportVerification(ReportFormat.Html, ReportIntegrity.Unsigned, "no signature", Facts: facts, Report: report);

        var trailer = file[(marker + SignatureMarker.Length)..];
        var end = trailer.IndexOf(Encoding.UTF8.GetBytes(SignatureEnd));
        if (end < 0 || !IsWhitespace(trailer[(end + SignatureEnd.Length)..]))
            return Tampered("the signature comment is damaged, or content follows it");
        if (ReportSignature.FromJson(trailer[..end]) is not { } signature)
            return Tampered("the signature comment cannot be read");
        var check = signature.Verify(content);
        if (check.IsValid && report is null)
            return ReportVerification.NotAReport(ReportFormat.Html, "signed, but it embeds no ck report");
        return ReportVerification.From(ReportFormat.Html, check, facts, report);

        ReportVerification Tampered(string reason) =>
            new(ReportFormat.Html, ReportIntegrity.Tampered, reason, Facts: facts, Report: report);
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if (b is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')) return false;
        return true;
    }

    /// <summary>The RunReport embedded in the page, or null.</summary>
    private static RunReport? Embedded(ReadOnlySpan<byte> page)
    {
        var start = page.IndexOf(Encoding.UTF8.GetBytes(EmbedStart));
        if (start < 0) return null;
        var json = page[(start + EmbedStart.Length)..];
        var end = json.IndexOf(Encoding.UTF8.GetBytes(EmbedEnd));
        return end < 0 ? null : JsonReport.TryRead(json[..end]);
    }

    private static string Compose(RunReport report, ReportSigner signer)
    {
        var verdict = report.EffectiveVerdict;
        var h = new StringBuilder(16 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"generator\" content=\"").Append(E(report.Tool.Name + " " + report.Tool.Version)).Append("\">\n")
            .Append("<title>").Append(E(report.IsCertification
                ? $"{verdict} — certificate for {report.Certification!.VendorName} {report.Certification.SystemName} {report.Certification.SystemVersion}, session {report.SessionId}"
                : $"{verdict} — ck {report.Kind} report {report.SessionId} (self-run)")).Append("</title>\n")
            .Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");

        Header(h, report, verdict);
        Summary(h, report.Summary);
        h.Append("""
            <section class="controls" aria-label="Filter">
            <label><input type="radio" name="show" value="all" id="filter-all" checked> All cases</label>
            <label><input type="radio" name="show" value="failed" id="filter-failed"> Failed only</label>
            <label class="search">Search <input type="search" id="search" placeholder="id, title, code, message…" autocomplete="off"></label>
            <span id="shown" aria-live="polite"></span>
            </section>

            """);
        Cases(h, report.Cases);
        h.Append("<footer>Signed by ").Append(E(signer.Subject)).Append(", certificate SHA-256 thumbprint <code>")
            .Append(E(signer.ThumbprintSha256)).Append("</code>. Check that this page is unchanged with <code>ck verify-report ")
            .Append(report.IsCertification ? "certificate.html" : "report.html").Append(" --trust THUMBPRINT</code>; the signature is the comment at the end of the file.</footer>\n");
        h.Append(EmbedStart).Append(JsonSerializer.Serialize(report, EmbedOptions)).Append(EmbedEnd).Append('\n');
        h.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void Header(StringBuilder h, RunReport r, string verdict)
    {
        var css = verdict.ToLowerInvariant();
        h.Append("<header class=\"").Append(E(css)).Append("\">\n");
        if (r.Certification is { } cert && r.IsCertification)
            h.Append("<p id=\"standing\" class=\"standing certification\">CERTIFICATION issued by ").Append(E(cert.IssuedBy))
                .Append(" — the judgement of a certification session, signed by the certifier</p>\n")
                .Append("<h1>ConformanceKit certificate ");
        else
            h.Append("<p id=\"standing\" class=\"standing self-run\">Self-run report, not a certification: ")
                .Append("whoever ran it signed it with their own key</p>\n")
                .Append("<h1>ConformanceKit ").Append(E(r.Kind)).Append(" report ");
        h.Append("<span id=\"verdict\" class=\"verdict ").Append(E(css)).Append("\">").Append(E(verdict)).Append("</span></h1>\n")
            .Append("<dl class=\"meta\">\n");
        if (r.Certification is { } c && r.IsCertification)
        {
            Meta(h, "Vendor", c.VendorName, "cert-vendor");
            Meta(h, "System", $"{c.SystemName} {c.SystemVersion}", "cert-system");
            Meta(h, "Sender", c.Sender, "cert-sender");
            Meta(h, "Test plan", $"{c.PlanId} version {c.PlanVersion}", "cert-plan");
            Meta(h, "Issued by", c.IssuedBy, "cert-issuer");
        }
        var window = r.Window ?? new ReportWindow { RealFrom = r.StartedAt, RealTo = r.FinishedAt };
        Meta(h, "Window (real)", ReportWindow.Describe(window.RealFrom, window.RealTo), "window-real");
        if (window.SimulatedFrom is not null || window.SimulatedTo is not null)
            Meta(h, "Window (simulated)", ReportWindow.Describe(window.SimulatedFrom, window.SimulatedTo), "window-simulated");
        if (r.Counts is { } counts) Meta(h, "Traffic", counts.ToString(), "traffic");
        Meta(h, "Tool", $"{r.Tool.Name} {r.Tool.Version}");
        if (!r.IsCertification) Meta(h, "Catalogue", r.CatalogueVersion ?? "—");
        Meta(h, "Session", r.SessionId, "session");
        Meta(h, "Target", r.Target.Url.Length == 0 ? r.Target.Description : $"{r.Target.Url} ({r.Target.Description})", "target");
        Meta(h, "Started", ReportText.Time(r.StartedAt));
        Meta(h, "Finished", ReportText.Time(r.FinishedAt));
        Meta(h, "Duration", ReportText.Duration(r.Summary.DurationMs));
        h.Append("<dt>Options</dt><dd>");
        if (r.Options.Count == 0) h.Append("none");
        foreach (var (name, value) in r.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
            h.Append("<code>").Append(E(name)).Append('=').Append(E(value)).Append("</code> ");
        h.Append("</dd>\n</dl>\n</header>\n");
    }

    private static void Meta(StringBuilder h, string name, string value, string? id = null)
    {
        h.Append("<dt>").Append(name).Append("</dt><dd");
        if (id is not null) h.Append(" id=\"").Append(id).Append('"');
        h.Append('>').Append(E(value)).Append("</dd>\n");
    }

    private static void Summary(StringBuilder h, ReportSummary s)
    {
        h.Append("<section class=\"counts\" id=\"summary\" aria-label=\"Summary\">\n");
        Count(h, "total", s.Total, "cases");
        Count(h, "passed", s.Passed, "passed");
        Count(h, "failed", s.Failed, "failed");
        Count(h, "errors", s.Errors, "errors");
        if (s.Incomplete > 0) Count(h, "incomplete", s.Incomplete, "not performed");
        h.Append("</section>\n");
    }

    private static void Count(StringBuilder h, string id, int n, string label) =>
        h.Append("<div class=\"count ").Append(id).Append("\"><span class=\"n\" id=\"count-").Append(id).Append("\">")
            .Append(n).Append("</span> ").Append(label).Append("</div>\n");

    private static void Cases(StringBuilder h, IReadOnlyList<CaseReport> cases)
    {
        h.Append("<main>\n<div class=\"cases\" role=\"table\" aria-label=\"Cases\">\n<div class=\"row head\" role=\"row\">")
            .Append("<span role=\"columnheader\">Case</span><span role=\"columnheader\">Title</span>")
            .Append("<span role=\"columnheader\">Rule</span><span role=\"columnheader\">Polarity</span>")
            .Append("<span role=\"columnheader\">Outcome</span><span role=\"columnheader\" class=\"num\">Duration</span></div>\n");
        foreach (var c in cases) Case(h, c);
        h.Append("</div>\n<p id=\"no-match\" hidden>No case matches the filter.</p>\n</main>\n");
    }

    private static void Case(StringBuilder h, CaseReport c)
    {
        var outcome = c.Outcome.ToString().ToLowerInvariant();
        h.Append("<details class=\"case ").Append(outcome).Append("\" data-outcome=\"").Append(outcome)
            .Append("\" data-id=\"").Append(E(c.Id)).Append('"');
        if (c.Outcome != CaseOutcome.Passed) h.Append(" open");
        h.Append(">\n<summary class=\"row\" role=\"row\">")
            .Append("<span class=\"id\" role=\"cell\">").Append(E(c.Id)).Append("</span>")
            .Append("<span class=\"title\" role=\"cell\">").Append(E(c.TitleEn))
            .Append("<span class=\"vi\" lang=\"vi\">").Append(E(c.TitleVi)).Append("</span></span>")
            .Append("<span class=\"rule\" role=\"cell\">").Append(E(c.Rule)).Append("</span>")
            .Append("<span role=\"cell\">").Append(E(c.Polarity)).Append("</span>")
            .Append("<span role=\"cell\"><span class=\"outcome ").Append(outcome).Append("\">").Append(c.Outcome).Append("</span></span>")
            .Append("<span class=\"num\" role=\"cell\">").Append(E(ReportText.Duration(c.DurationMs))).Append("</span>")
            .Append("</summary>\n<div class=\"body\">\n");
        if (c.Expected is { Length: > 0 })
            h.Append("<p class=\"expected\"><b>Expected:</b> ").Append(E(c.Expected)).Append("</p>\n");

        if (c.Findings.Count > 0)
        {
            h.Append("<h3>Findings</h3>\n<table class=\"findings\">\n<thead><tr><th>Severity</th><th>Code</th><th>Message</th>")
                .Append("<th>Message id</th><th>Invoice</th><th>Location</th></tr></thead>\n<tbody>\n");
            foreach (var f in c.Findings)
            {
                var severity = f.Severity.ToString().ToLowerInvariant();
                h.Append("<tr class=\"").Append(severity).Append("\"><td><span class=\"sev ").Append(severity).Append("\">")
                    .Append(f.Severity).Append("</span></td><td><code>").Append(E(f.Code)).Append("</code></td><td class=\"message\">")
                    .Append(E(f.Message)).Append("</td><td><code>").Append(E(f.MessageId)).Append("</code></td><td><code>")
                    .Append(E(f.Invoice)).Append("</code></td><td><code>").Append(E(f.Location)).Append("</code></td></tr>\n");
            }
            h.Append("</tbody>\n</table>\n");
        }
        else
        {
            h.Append("<p class=\"none\">No findings.</p>\n");
        }

        if (c.Exchanges.Count > 0)
        {
            h.Append("<h3>HTTP exchanges</h3>\n");
            foreach (var e in c.Exchanges)
            {
                h.Append("<div class=\"exchange\">\n<p class=\"line\">").Append(E(ReportText.ExchangeLine(e))).Append("</p>\n");
                if (e.RequestExcerpt is { Length: > 0 })
                    h.Append("<h4>Request</h4>\n<pre>").Append(E(e.RequestExcerpt)).Append("</pre>\n");
                if (e.ResponseExcerpt is { Length: > 0 })
                    h.Append("<h4>Response</h4>\n<pre>").Append(E(e.ResponseExcerpt)).Append("</pre>\n");
                h.Append("</div>\n");
            }
        }
        h.Append("</div>\n</details>\n");
    }

    /// <summary>HTML-escapes text (element content and quoted attribute values alike).</summary>
    private static string E(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\0': sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
