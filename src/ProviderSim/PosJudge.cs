using System.Globalization;
using System.Text;
using System.Text.Json;
using ConformanceKit.ProviderSim.Backend;
using WireMock.Logging;

namespace ConformanceKit.ProviderSim;

/// <summary>
/// An observe-style judgement of what a POS sent to the provider simulator, from WireMock's request journal: the
/// transaction id on every issue, the same id on retries, one login reused (not one per call, nor hammered after a
/// refusal), backing off after 429 and 5xx, and requests the provider had to refuse.
/// </summary>
public static class PosJudge
{
    public enum Verdict { Pass, Warn, Fail, NotSeen }

    public sealed record Check(string Id, string Title, Verdict Verdict, IReadOnlyList<string> Findings);

    public sealed record Judgement(string Profile, int Requests, int Issues, int Logins, IReadOnlyList<Check> Checks)
    {
        public Verdict Overall => Checks.Any(c => c.Verdict == Verdict.Fail) ? Verdict.Fail
            : Checks.Any(c => c.Verdict == Verdict.Warn) ? Verdict.Warn : Verdict.Pass;
    }

    /// <summary>One request of the POS as the judge reads it.</summary>
    public sealed record Exchange(DateTime At, string Method, string Path, string? RequestBody, int Status, string ResponseBody,
        TimeSpan? RetryAfter);

    /// <summary>The least wait after a 5xx before the same request again.</summary>
    public static readonly TimeSpan MinimumBackOff = TimeSpan.FromMilliseconds(200);

    public static Judgement Judge(string profile, JudgeSpec spec, IEnumerable<ILogEntry> journal) =>
        Judge(profile, spec, journal.Select(Read).Where(e => e is not null).Select(e => e!));

    public static Judgement Judge(string profile, JudgeSpec spec, IEnumerable<Exchange> exchanges)
    {
        var all = exchanges.Where(e => !e.Path.StartsWith("/__", StringComparison.Ordinal)).OrderBy(e => e.At).ToList();
        var issues = all.Where(e => spec.Issue(e.Method, e.Path, e.RequestBody)).ToList();
        var logins = all.Where(e => spec.Login(e.Method, e.Path)).ToList();
        var checks = new List<Check>
        {
            TransactionIds(spec, issues),
            SameIdOnRetry(spec, issues),
            LoginReuse(spec, all),
            BackOff(spec, all),
            Refused(spec, issues),
        };
        checks.AddRange(spec.ContentRules.Select(rule => Content(spec, issues, rule)));
        return new Judgement(profile, all.Count, issues.Count, logins.Count, checks);
    }

    private static Check TransactionIds(JudgeSpec spec, List<Exchange> issues)
    {
        var missing = issues.Where(e => Id(spec, e) is null).Select(e => $"{Time(e)} {e.Path}: no transaction id — a retry would issue a second invoice").ToList();
        return new Check("transaction-id", "every issue request carries the POS's transaction id (the idempotency key)",
            issues.Count == 0 ? Verdict.NotSeen : missing.Count == 0 ? Verdict.Pass : Verdict.Fail, missing);
    }

    /// <summary>A request that was not answered with an invoice, then the same sale sent again: it must carry the same id.</summary>
    private static Check SameIdOnRetry(JudgeSpec spec, List<Exchange> issues)
    {
        var findings = new List<string>();
        var retries = 0;
        for (var i = 0; i < issues.Count; i++)
        {
            var key = SaleKey(spec, issues[i].RequestBody);
            if (key is null) continue;
            for (var j = i + 1; j < issues.Count; j++)
            {
                if (SaleKey(spec, issues[j].RequestBody) != key) continue;
                retries++;
                var (a, b) = (Id(spec, issues[i]), Id(spec, issues[j]));
                if (a != b)
                    findings.Add($"{Time(issues[j])}: the same sale sent again under a new id ({a ?? "none"} → {b ?? "none"}) after " +
                                 (spec.Issued(issues[i].Status, issues[i].ResponseBody) ? "it was issued: two invoices for one sale" : $"a {issues[i].Status} answer"));
                break;
            }
        }
        return new Check("same-id-on-retry", "a sale sent again (after a failure, a time-out or a lost answer) keeps its transaction id",
            retries == 0 ? Verdict.NotSeen : findings.Count == 0 ? Verdict.Pass : Verdict.Fail, findings);
    }

    /// <summary>One login reused: a login after the first needs a 401 since the previous one.</summary>
    private static Check LoginReuse(JudgeSpec spec, List<Exchange> all)
    {
        var findings = new List<string>();
        var logins = 0;
        var refusedSinceLogin = false;
        var failedLogins = 0;
        foreach (var e in all)
        {
            if (spec.Login(e.Method, e.Path))
            {
                if (logins > 0 && !refusedSinceLogin) findings.Add($"{Time(e)}: logged in again though the token was never refused");
                logins++;
                refusedSinceLogin = false;
                if (e.Status != 200 || e.ResponseBody.Contains("\"Success\":false", StringComparison.Ordinal)) failedLogins++;
                else failedLogins = 0;
                if (failedLogins == 3) findings.Add($"{Time(e)}: three refused logins in a row: check the credentials instead of retrying");
            }
            else if (e.Status == 401) refusedSinceLogin = true;
        }
        return new Check("login-reuse", "the token is reused until refused, then refreshed once (no login per call, no hammering)",
            logins == 0 ? Verdict.NotSeen : findings.Count == 0 ? Verdict.Pass : Verdict.Warn, findings);
    }

    /// <summary>After 429 the next request waits Retry-After; after a 5xx the same route waits at least <see cref="MinimumBackOff"/>.</summary>
    private static Check BackOff(JudgeSpec spec, List<Exchange> all)
    {
        var findings = new List<string>();
        var seen = 0;
        for (var i = 0; i < all.Count; i++)
        {
            var e = all[i];
            if (e.Status != 429 && e.Status < 500) continue;
            seen++;
            var next = all.Skip(i + 1).FirstOrDefault(n => !spec.Login(n.Method, n.Path));
            if (next is null) continue;
            var waited = next.At - e.At;
            var needed = e.Status == 429 ? e.RetryAfter ?? TimeSpan.FromSeconds(1) : MinimumBackOff;
            if (waited + TimeSpan.FromMilliseconds(50) < needed)
                findings.Add($"{Time(next)}: sent {waited.TotalMilliseconds:0} ms after a {e.Status} (wait at least {needed.TotalMilliseconds:0} ms)");
        }
        return new Check("back-off", "backs off after 429 (Retry-After) and 5xx instead of hammering",
            seen == 0 ? Verdict.NotSeen : findings.Count == 0 ? Verdict.Pass : Verdict.Fail, findings);
    }

    private static Check Refused(JudgeSpec spec, List<Exchange> issues)
    {
        var refused = issues.Where(e => spec.Refused?.Invoke(e.Status, e.ResponseBody) ?? (e.Status == 400 || (e.Status == 200 && !spec.Issued(e.Status, e.ResponseBody)
                && (e.ResponseBody.Contains("Invalid", StringComparison.Ordinal) || e.ResponseBody.Contains("RequireInfo", StringComparison.Ordinal)))))
            .Select(e => $"{Time(e)} {e.Status}: {ErrorText(e.ResponseBody) ?? e.ResponseBody}").ToList();
        return new Check("accepted-content", "the provider accepts what the POS sends (required fields, rates, totals)",
            issues.Count == 0 ? Verdict.NotSeen : refused.Count == 0 ? Verdict.Pass : Verdict.Fail, refused);
    }

    /// <summary>The titles of the content rules (docs/provider-sim.md, the catalogue).</summary>
    public static readonly IReadOnlyDictionary<string, string> ContentTitles = new Dictionary<string, string>
    {
        ["required-fields"] = "every issue request carries the fields the provider requires (in its names)",
        ["totals"] = "the totals the POS writes add up: each line's amount, the lines to the net, net + tax to the total",
        ["amount-in-words"] = "the total in words reads as the total written in figures",
        ["signature"] = "every message carries the seller's signature over its data, and it verifies",
    };

    /// <summary>One content rule over every issue request the POS sent (a request sent again with the same finding counts once).</summary>
    private static Check Content(JudgeSpec spec, List<Exchange> issues, string rule)
    {
        var findings = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in issues.Where(e => e.RequestBody is not null))
            foreach (var (r, finding) in spec.Content!(e.RequestBody!))
                if (r == rule && seen.Add((Id(spec, e) ?? "") + "|" + finding))
                    findings.Add($"{Time(e)} {Id(spec, e) ?? "(no id)"}: {finding}");
        return new Check(rule, ContentTitles.GetValueOrDefault(rule, rule),
            issues.Count == 0 ? Verdict.NotSeen : findings.Count == 0 ? Verdict.Pass : Verdict.Fail, findings);
    }

    private static string? ErrorText(string body)
    {
        if (body.Length == 0) return null;
        var text = body.Length > 300 ? body[..300] + "…" : body;
        return text;
    }

    private static string? Id(JudgeSpec spec, Exchange e) => e.RequestBody is null ? null : spec.TransactionId(e.RequestBody);

    /// <summary>What identifies a sale apart from its ids: the body with every property named like an id or a date left out.</summary>
    private static string? SaleKey(JudgeSpec spec, string? body)
    {
        if (body is null) return null;
        if (spec.SaleKey is { } key) return key(body);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var b = new StringBuilder();
            Canonical(doc.RootElement, b);
            return b.ToString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly string[] Volatile = ["uuid", "refid", "transaction", "date", "time"];

    private static void Canonical(JsonElement e, StringBuilder b)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                b.Append('{');
                foreach (var p in e.EnumerateObject().Where(p => !Volatile.Any(v => p.Name.Contains(v, StringComparison.OrdinalIgnoreCase)))
                             .OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    b.Append(p.Name).Append(':');
                    Canonical(p.Value, b);
                    b.Append(',');
                }
                b.Append('}');
                break;
            case JsonValueKind.Array:
                b.Append('[');
                foreach (var x in e.EnumerateArray())
                {
                    Canonical(x, b);
                    b.Append(',');
                }
                b.Append(']');
                break;
            default:
                b.Append(e.GetRawText());
                break;
        }
    }

    private static string Time(Exchange e) => e.At.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static Exchange? Read(ILogEntry entry)
    {
        var request = entry.RequestMessage;
        var response = entry.ResponseMessage;
        if (request is null || response is null) return null;
        var status = response.StatusCode switch
        {
            int i => i,
            string s when int.TryParse(s, out var i) => i,
            System.Net.HttpStatusCode c => (int)c,
            _ => 200,
        };
        var body = response.BodyData?.BodyAsString
                   ?? (response.BodyData?.BodyAsJson is { } json ? Newtonsoft.Json.JsonConvert.SerializeObject(json) : null)
                   ?? (response.BodyData?.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : "");
        TimeSpan? retryAfter = response.Headers is { } h && h.TryGetValue("Retry-After", out var ra)
                               && double.TryParse(ra.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds) : null;
        return new Exchange(request.DateTime, request.Method.ToUpperInvariant(), request.Path, request.Body, status, body, retryAfter);
    }
}
