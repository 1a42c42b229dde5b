namespace ConformanceKit.Harness.Reports;

/// <summary>The page's inline style and script (nothing is fetched: the report must read the same offline, in ten years).</summary>
public static partial class HtmlReport
{
    private const string Css = """

        :root { --ok: #1a7f37; --bad: #c0392b; --err: #9a6700; --line: #d0d7de; --muted: #57606a; --bg: #f6f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1f2328; }
        header, .counts, .controls, main, footer { padding: 0 24px; }
        header { padding-top: 16px; padding-bottom: 8px; border-top: 6px solid var(--ok); }
        header.failed { border-top-color: var(--bad); }
        header.incomplete { border-top-color: var(--err); }
        .standing { margin: 0 0 8px; font-weight: 600; }
        .standing.self-run { color: var(--muted); }
        .standing.certification { color: #0550ae; }
        h1 { font-size: 22px; margin: 0 0 12px; }
        h3 { font-size: 14px; margin: 14px 0 6px; }
        h4 { font-size: 12px; margin: 8px 0 2px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .verdict { display: inline-block; padding: 2px 12px; border-radius: 4px; color: #fff; margin-left: 8px; letter-spacing: .05em; }
        .verdict.passed { background: var(--ok); }
        .verdict.failed { background: var(--bad); }
        .verdict.incomplete { background: var(--err); }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
        dl.meta dt { color: var(--muted); }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
        .counts { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
        .count { border: 1px solid var(--line); border-radius: 6px; padding: 6px 14px; background: var(--bg); }
        .count .n { font-size: 20px; font-weight: 600; margin-right: 4px; }
        .count.passed .n { color: var(--ok); }
        .count.failed .n { color: var(--bad); }
        .count.errors .n, .count.incomplete .n { color: var(--err); }
        .controls { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; margin-bottom: 12px; }
        .controls input[type=search] { width: 22em; padding: 4px 6px; }
        #shown { color: var(--muted); }
        .cases { border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
        .row { display: grid; grid-template-columns: 11em minmax(14em, 2fr) minmax(10em, 1.4fr) 7em 6em 6em; gap: 12px; padding: 6px 12px; align-items: start; }
        .row.head { background: var(--bg); font-weight: 600; border-bottom: 1px solid var(--line); }
        details.case { border-bottom: 1px solid var(--line); }
        details.case:last-of-type { border-bottom: 0; }
        details.case[hidden] { display: none !important; }
        summary.row { cursor: pointer; list-style: none; }
        summary.row::-webkit-details-marker { display: none; }
        summary.row .id::before { content: "\25B8\00a0"; color: var(--muted); }
        details[open] > summary.row .id::before { content: "\25BE\00a0"; }
        summary.row:hover { background: #f3f6fa; }
        .id { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; white-space: nowrap; }
        .vi { display: block; color: var(--muted); font-size: 12px; }
        .rule { color: var(--muted); font-size: 12px; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .outcome { font-weight: 600; }
        .outcome.passed { color: var(--ok); }
        .outcome.failed { color: var(--bad); }
        .outcome.error, .outcome.incomplete { color: var(--err); }
        details.case.failed > summary.row { background: #fff5f5; }
        details.case.error > summary.row, details.case.incomplete > summary.row { background: #fffbea; }
        .body { padding: 4px 12px 12px 28px; }
        .expected { margin: 6px 0; }
        .none { color: var(--muted); }
        table.findings { border-collapse: collapse; width: 100%; }
        table.findings th, table.findings td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
        table.findings th { background: var(--bg); }
        .sev { font-weight: 600; }
        .sev.error { color: var(--bad); }
        .sev.warning { color: var(--err); }
        .exchange { border-left: 3px solid var(--line); padding-left: 10px; margin: 8px 0; }
        .exchange .line { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; margin: 4px 0; overflow-wrap: anywhere; }
        pre { background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 8px; margin: 0;
              white-space: pre-wrap; overflow-wrap: anywhere; max-height: 24em; overflow: auto; }
        footer { margin: 16px 0 24px; color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
        @media print {
          body { font-size: 10pt; }
          .controls { display: none; }
          header { border-top-width: 3px; }
          .verdict { color: #000; background: none !important; border: 2px solid #000; }
          details.case { break-inside: avoid-page; }
          summary.row .id::before { content: ""; }
          pre { max-height: none; overflow: visible; font-size: 8pt; }
          summary.row, .row.head, details.case.failed > summary.row, details.case.error > summary.row { background: none; }
        }

        """;

    private const string Script = """

        (function () {
          "use strict";
          var cases = Array.prototype.slice.call(document.querySelectorAll("details.case"));
          var failedOnly = document.getElementById("filter-failed");
          var search = document.getElementById("search");
          var shown = document.getElementById("shown");
          var noMatch = document.getElementById("no-match");
          function apply() {
            var q = search.value.trim().toLowerCase();
            var n = 0;
            cases.forEach(function (c) {
              var show = (!failedOnly.checked || c.getAttribute("data-outcome") !== "passed") &&
                         (q === "" || c.textContent.toLowerCase().indexOf(q) >= 0);
              c.hidden = !show;
              if (show) n++;
            });
            shown.textContent = n + " of " + cases.length + " cases shown";
            noMatch.hidden = n !== 0;
          }
          document.querySelectorAll("input[name=show]").forEach(function (r) { r.addEventListener("change", apply); });
          search.addEventListener("input", apply);
          // Printing shows every case, open.
          var before = [];
          window.addEventListener("beforeprint", function () {
            before = cases.map(function (c) { return [c.open, c.hidden]; });
            cases.forEach(function (c) { c.open = true; c.hidden = false; });
          });
          window.addEventListener("afterprint", function () {
            cases.forEach(function (c, i) { if (before[i]) { c.open = before[i][0]; c.hidden = before[i][1]; } });
          });
          apply();
        })();

        """;
}
