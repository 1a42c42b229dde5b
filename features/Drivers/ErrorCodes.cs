using System.Text.RegularExpressions;
using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Features.Drivers;

/// <summary>The rejection codes (MLoi) of a notice, sorted: the codes features name are the authority's (docs/error-codes.md).</summary>
public static class ErrorCodes
{
    public static IReadOnlyList<string> Of(DataCheckNotice notice) =>
        [.. (notice.Errors ?? []).Select(e => e.Code!).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// Null when the notice has a <paramref name="code"/> error whose GChu is "HDon n (code); dòng line:column; path";
    /// otherwise what it has instead.
    /// </summary>
    public static string? LocationProblem(DataCheckNotice notice, string code, int invoice, string invoiceCode, string path)
    {
        var notes = (notice.Errors ?? []).Where(e => e.Code == code).Select(e => e.Note ?? "").ToList();
        var expected = $"HDon {invoice} ({invoiceCode}); dòng ";
        return notes.Any(n => n.StartsWith(expected, StringComparison.Ordinal) && Regex.IsMatch(n, @"; dòng \d+:\d+; ") && n.EndsWith("; " + path, StringComparison.Ordinal))
            ? null : $"expected a {code} error whose GChu is '{expected}<line>:<column>; {path}'; its GChu: [{string.Join(" | ", notes)}]";
    }

    /// <summary>Null when the 999 has a <paramref name="code"/> reason located "(line l:c, path…)"; otherwise its reasons.</summary>
    public static string? LocationProblem(TechnicalAck? ack, string code, string path)
    {
        var texts = (ack?.Reasons ?? []).Where(r => r.Code == code).Select(r => r.Description ?? "").ToList();
        return texts.Any(t => Regex.IsMatch(t, $@"\(line \d+:\d+, {Regex.Escape(path)}[/)]")) ? null
            : $"expected a {code} reason located at 'line <line>:<column>, {path}…'; its texts: [{string.Join(" | ", texts)}]";
    }

    /// <summary>Null when the sending was refused at reception with HTTP <paramref name="status"/> and a 999 TTTNhan 1 citing <paramref name="code"/>.</summary>
    public static string? RefusalProblem(Sent sent, int status, string code)
    {
        var reasons = sent.Ack?.Reasons?.Select(r => r.Code).ToList() ?? [];
        return (int)sent.Status == status && sent.Ack?.Status == 1 && reasons.Contains(code) ? null
            : $"expected HTTP {status}, TTTNhan 1 citing {code}; got HTTP {(int)sent.Status}, TTTNhan {sent.Ack?.Status?.ToString() ?? "(no 999)"} citing [{string.Join(", ", reasons)}]";
    }

    /// <summary>"expected …; the notice is LTBao 7 citing [4002, 6001]".</summary>
    public static string Describe(DataCheckNotice notice, string expected) =>
        $"expected {expected}; the notice is LTBao {notice.Kind} citing [{string.Join(", ", Of(notice))}]";
}
