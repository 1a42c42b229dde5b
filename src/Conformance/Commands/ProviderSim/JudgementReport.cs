using ConformanceKit.Harness.Reports;
using ConformanceKit.ProviderSim;

namespace ConformanceKit.Conformance.Commands.ProviderSim;

/// <summary>The judgement of what a POS sent to the provider simulator as a ck report (kind "observe"), to be signed like any other.</summary>
public static class JudgementReport
{
    private static readonly Dictionary<string, string> Vietnamese = new(StringComparer.Ordinal)
    {
        ["transaction-id"] = "mỗi yêu cầu lập hóa đơn mang mã giao dịch của máy bán hàng (khóa chống trùng)",
        ["same-id-on-retry"] = "gửi lại một giao dịch thì giữ nguyên mã giao dịch",
        ["login-reuse"] = "dùng lại token đến khi bị từ chối, rồi đăng nhập lại một lần",
        ["back-off"] = "chờ sau 429 (Retry-After) và lỗi 5xx thay vì gửi dồn",
        ["accepted-content"] = "nhà cung cấp chấp nhận dữ liệu máy bán hàng gửi (trường bắt buộc, thuế suất, tổng tiền)",
    };

    public static RunReport Build(ProviderSimServer sim, PosJudge.Judgement judgement, DateTimeOffset startedAt, DateTimeOffset finishedAt)
    {
        var cases = judgement.Checks.Select(c => new CaseReport
        {
            Id = "POS-" + c.Id.ToUpperInvariant(),
            TitleEn = c.Title,
            TitleVi = Vietnamese.GetValueOrDefault(c.Id, c.Title),
            Rule = "issue 20 / seed 000: a POS at its provider's API",
            Polarity = "observation",
            Group = "pos-provider",
            Outcome = c.Verdict == PosJudge.Verdict.Fail ? CaseOutcome.Failed : CaseOutcome.Passed,
            DurationMs = 0,
            Expected = c.Title,
            Findings = c.Verdict == PosJudge.Verdict.NotSeen
                ? [new Finding { Severity = FindingSeverity.Info, Message = "nothing in the journal to judge this by" }]
                : c.Findings.Select(f => new Finding
                {
                    Severity = c.Verdict == PosJudge.Verdict.Fail ? FindingSeverity.Error : FindingSeverity.Warning, Message = f,
                }).ToList(),
        }).ToList();
        return new RunReport
        {
            Kind = "observe",
            SessionId = Guid.NewGuid().ToString("N"),
            Tool = ToolInfo.Current,
            Target = new TargetInfo(sim.Address.ToString(), $"provider simulator, profile {sim.Profile.Name} ({sim.Profile.Title})"),
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Options = new Dictionary<string, string>
            {
                ["profile"] = sim.Profile.Name, ["requests"] = judgement.Requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["issueRequests"] = judgement.Issues.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["logins"] = judgement.Logins.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["provider"] = sim.ProviderApi.ToString(),
            },
            Summary = ReportSummary.Of(cases, finishedAt - startedAt),
            Cases = cases,
        };
    }
}
