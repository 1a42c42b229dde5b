using System.Diagnostics;
using System.Text.Json.Nodes;
using ConformanceKit.Harness.Catalogue;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Runner;

/// <summary>Carries out one case against the target: preconditions, then each step and its expectations.</summary>
public sealed class CaseExecution(ConformanceCase @case, TargetClient target, SessionContext session)
{
    private readonly Dictionary<string, SentMessage> _sent = [];
    private MessageFactory? _factory;
    private MessageFactory Messages => _factory ??= new MessageFactory(session, _sent);
    private readonly CaseLog _log = new();

    public async Task<CaseReport> RunAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var error = false;
        try
        {
            await PreconditionsAsync(ct);
            for (var i = 0; i < @case.Steps.Count; i++)
            {
                var step = @case.Steps[i];
                _log.Step = $"step {i + 1}" + (step.Name is null ? "" : $" ({step.Name})");
                await RunStepAsync(step, ct);
            }
        }
        catch (Exception e) when (e is TargetException or MutationException or HttpRequestException or TimeoutException
                                      or System.Xml.XmlException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            error = true;
            _log.Fail($"could not be carried out: {e.Message}");
        }
        return new CaseReport
        {
            Id = @case.Id, TitleEn = @case.Title.En, TitleVi = @case.Title.Vi, Rule = @case.Rule, Polarity = @case.Polarity,
            Group = @case.Group, Outcome = error ? CaseOutcome.Error : _log.HasErrors ? CaseOutcome.Failed : CaseOutcome.Passed,
            DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Expected = ExpectationText.Describe(@case), Findings = _log.Findings, Exchanges = _log.Exchanges,
        };
    }

    private async Task PreconditionsAsync(CancellationToken ct)
    {
        if (@case.Given is not { } given) return;
        _log.Step = "preconditions";
        if (given.Clock is { } clock)
            await target.SetClockAsync(new ClockState(new DateTimeOffset(session.SigningTime, TimeSpan.FromHours(7)), clock.Rate,
                clock.ProcessingDelaySeconds), _log, ct);
        foreach (var fault in given.Faults)
        {
            var rule = JsonNode.Parse(session.Expand(fault.GetRawText(), session.Catalogue.Setup.MainTaxpayer, ""))!;
            await target.AddFaultAsync(rule, _log, ct);
        }
        if (given.CallbackFailFirst > 0)
        {
            var tvan = @case.Steps.Select(s => s.Send?.Tvan).FirstOrDefault(t => t is not null) ?? session.Catalogue.Setup.MainTvan;
            (session.Callbacks ?? throw new TargetException("no callback receiver is running")).FailFirst(tvan, given.CallbackFailFirst);
        }
    }

    private async Task RunStepAsync(CaseStep step, CancellationToken ct)
    {
        if (step.AdvanceClockSeconds is { } seconds) { await target.AdvanceClockAsync(seconds, _log, ct); return; }
        if (step.ClearFaults) { await target.ClearFaultsAsync(_log, ct); return; }
        if (step.Reconcile)
        {
            var result = await target.ReconcileAsync(session.IssueDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), _log, ct);
            if (step.Expect?.Findings is { } findings) await new ExpectationChecks(target, session, _log, _sent).FindingsAsync(findings, result, ct);
            return;
        }

        SentMessage message;
        var resent = false;
        if (step.Send is { } send)
        {
            var tvan = send.Tvan ?? session.Catalogue.Setup.MainTvan;
            var key = send.ApiKey ?? session.TvanKey(tvan);
            message = send.Package is { } p ? Messages.Package(p, tvan, key)
                : send.Notice is { } n ? Messages.Notice(n, tvan, key)
                : send.Registration is { } r ? Messages.Registration(r, tvan, key)
                : MessageFactory.Raw(send.Raw!, tvan, key);
            message.Answer = await target.PostMessageAsync(message.Body, key, send.Path ?? "api/v1/messages", _log, ct);
            if (send.As is { } alias) _sent[alias] = message;
        }
        else if (step.Resend is { } resend)
        {
            var earlier = _sent[resend.Of];
            message = resend.Mode switch
            {
                "same-bytes" => earlier with { Answer = null },
                "same-id-other-content" => Messages.SameIdOtherContent(earlier),
                "fixed-new-id" => Messages.FixedNewId(earlier),
                _ => Messages.SameInvoicesNewId(earlier),
            };
            message.Answer = await target.PostMessageAsync(message.Body, message.ApiKey, "api/v1/messages", _log, ct);
            if (resend.As is { } alias) _sent[alias] = message;
            resent = true;
        }
        else message = _sent[step.Check!];

        if (step.Expect is { } expect)
            await new ExpectationChecks(target, session, _log, _sent).CheckAsync(expect, message, resent, ct);
    }
}
