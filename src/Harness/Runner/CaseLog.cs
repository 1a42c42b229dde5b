using System.Diagnostics;
using System.Text;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Runner;

/// <summary>What one case did and found: its HTTP exchanges (bodies cut to excerpts) and its findings.</summary>
public sealed class CaseLog
{
    private const int ExcerptChars = 1_500;
    private readonly List<Exchange> _exchanges = [];
    private readonly List<Finding> _findings = [];

    /// <summary>The step being carried out, for the exchanges' labels.</summary>
    public string Step { get; set; } = "";

    public IReadOnlyList<Exchange> Exchanges { get { lock (_exchanges) return [.. _exchanges]; } }
    public IReadOnlyList<Finding> Findings { get { lock (_findings) return [.. _findings]; } }
    public bool HasErrors { get { lock (_findings) return _findings.Any(f => f.Severity == FindingSeverity.Error); } }

    public void Fail(string message, string? code = null, string? messageId = null, string? invoice = null, string? location = null)
    {
        lock (_findings)
            _findings.Add(new Finding { Severity = FindingSeverity.Error, Code = code, Message = $"{Step}: {message}", MessageId = messageId, Invoice = invoice, Location = location });
    }

    public void Note(string message, string? messageId = null)
    {
        lock (_findings) _findings.Add(new Finding { Severity = FindingSeverity.Info, Message = $"{Step}: {message}", MessageId = messageId });
    }

    public void Record(string method, string url, int? status, byte[]? request, byte[]? response, DateTimeOffset at, long started, string? suffix = null)
    {
        var exchange = new Exchange
        {
            Step = Step + (suffix is null ? "" : $" ({suffix})"), Method = method, Url = url, Status = status, At = at,
            RequestExcerpt = Excerpt(request), ResponseExcerpt = Excerpt(response),
            DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
        lock (_exchanges) _exchanges.Add(exchange);
    }

    private static string? Excerpt(byte[]? body)
    {
        if (body is null || body.Length == 0) return null;
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, ExcerptChars * 4));
        return text.Length > ExcerptChars ? text[..ExcerptChars] + $"… ({body.Length:N0} bytes)" : text;
    }
}
