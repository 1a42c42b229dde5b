using System.Text.RegularExpressions;

namespace ConformanceKit.Harness.Catalogue;

/// <summary>What makes a catalogue well-formed (checked on load) and complete (checked by the catalogue's tests).</summary>
public static partial class CatalogueRules
{
    public static readonly IReadOnlySet<string> MutationOps = new HashSet<string> { "set", "remove", "copy", "replace", "rename", "insert" };
    public static readonly IReadOnlySet<string> RelationKinds = new HashSet<string> { "replace", "adjust" };
    public static readonly IReadOnlySet<string> NoticeActions = new HashSet<string> { "cancel", "adjust", "replace", "explain" };
    public static readonly IReadOnlySet<string> ResendModes = new HashSet<string> { "same-bytes", "same-id-other-content", "same-invoices-new-id", "fixed-new-id" };

    /// <summary>Every code and flow the issue names must have at least one positive and one negative case.</summary>
    public static readonly IReadOnlyList<string> RequiredCoverage =
    [
        .. Range(1001, 1008), .. Range(2001, 2004), .. Range(3001, 3003), .. Range(4001, 4004), "5001", "5002", "6001",
        .. Range(7001, 7006), .. Range(8001, 8006), "9001", "9002", .. Range(9101, 9106),
        "15-minute bound", "idempotent resend", "callback delivery", "registration",
        "seed-000 cannot connect", "seed-000 cannot issue", "seed-000 wrong data", "seed-000 duplicated or lost numbers",
    ];

    public static IEnumerable<string> Check(CatalogueSetup setup, IReadOnlyList<ConformanceCase> cases)
    {
        var tvans = SeedTvans(setup);
        if (!tvans.Contains(setup.MainTvan)) yield return $"catalogue.json: mainTvan {setup.MainTvan} is not in the seed's tvans";
        foreach (var duplicate in cases.GroupBy(c => c.Id).Where(g => g.Count() > 1))
            yield return $"{duplicate.Key}: the id is used {duplicate.Count()} times";
        foreach (var c in cases)
            foreach (var problem in CheckCase(c, tvans))
                yield return $"{c.Id}: {problem}";
    }

    /// <summary>Codes and flows of <see cref="RequiredCoverage"/> lacking a positive or a negative case.</summary>
    public static IEnumerable<string> MissingCoverage(IReadOnlyList<ConformanceCase> cases)
    {
        foreach (var topic in RequiredCoverage)
            foreach (var polarity in new[] { "positive", "negative" })
                if (!cases.Any(c => c.Covers == topic && c.Polarity == polarity))
                    yield return $"{topic}: no {polarity} case";
    }

    private static IEnumerable<string> CheckCase(ConformanceCase c, IReadOnlySet<string> tvans)
    {
        if (!IdPattern().IsMatch(c.Id)) yield return "the id must look like KTDL-2002-01 (upper-case parts joined by '-')";
        if (c.Polarity is not ("positive" or "negative")) yield return $"polarity '{c.Polarity}' must be positive or negative";
        if (string.IsNullOrWhiteSpace(c.Title.En) || string.IsNullOrWhiteSpace(c.Title.Vi)) yield return "the title needs en and vi";
        if (c.Steps.Count == 0) yield return "no steps";
        var globalState = c.Given is { } g && (g.Clock is not null || g.Faults.Count > 0)
            || c.Steps.Any(s => s.AdvanceClockSeconds is not null || s.ClearFaults);
        if (globalState && !c.Exclusive) yield return "changes the clock or faults, so it must be exclusive";
        var aliases = new HashSet<string>();
        for (var i = 0; i < c.Steps.Count; i++)
            foreach (var problem in CheckStep(c.Steps[i], aliases, tvans))
                yield return $"step {i + 1}: {problem}";
    }

    private static IEnumerable<string> CheckStep(CaseStep step, HashSet<string> aliases, IReadOnlySet<string> tvans)
    {
        var actions = (step.Send is null ? 0 : 1) + (step.Resend is null ? 0 : 1) + (step.AdvanceClockSeconds is null ? 0 : 1) + (step.ClearFaults ? 1 : 0)
            + (step.Check is null ? 0 : 1) + (step.Reconcile ? 1 : 0);
        if (actions != 1) yield return "needs exactly one of send, resend, check, reconcile, advanceClockSeconds, clearFaults";
        if (step.Expect?.Findings is not null && !step.Reconcile) yield return "only a reconcile step can expect findings";
        if (step.Reconcile && step.Expect is { } re && (re.Findings is null || re with { Findings = null } != new Expectation()))
            yield return "a reconcile step expects findings, and nothing else";
        foreach (var f in step.Expect?.Findings ?? [])
            if (!aliases.Contains(f.Of)) yield return $"a finding names '{f.Of}', which no earlier step sent";
        if (step.Expect?.Reply is not null && step.Send?.Notice is null) yield return "only a notice (303) can expect a reply (301)";
        if (step.Check is { } check && !aliases.Contains(check)) yield return $"checks '{check}', which no earlier step sent";
        if (step.Send is { } send)
        {
            var kinds = (send.Package is null ? 0 : 1) + (send.Notice is null ? 0 : 1) + (send.Registration is null ? 0 : 1) + (send.Raw is null ? 0 : 1);
            if (kinds != 1) yield return "send needs exactly one of package, notice, registration, raw";
            foreach (var r in send.Package?.Related ?? [])
            {
                if (!RelationKinds.Contains(r.Kind)) yield return $"relation kind '{r.Kind}' must be replace or adjust";
                if (r.Of is { } of && !aliases.Contains(of)) yield return $"relates to '{of}', which no earlier step sent";
                if (r.Invoice < 1 || r.Invoice > send.Package!.Invoices) yield return $"relation of invoice {r.Invoice}, but the package has {send.Package!.Invoices}";
            }
            if (send.Notice is { } notice)
            {
                if (notice.Entries.Count == 0) yield return "a notice needs entries";
                foreach (var entry in notice.Entries)
                {
                    if (!aliases.Contains(entry.Of)) yield return $"a notice entry names '{entry.Of}', which no earlier step sent";
                    if (!NoticeActions.Contains(entry.Action)) yield return $"notice action '{entry.Action}' must be cancel, adjust, replace or explain";
                }
                if (notice.Signer is not ("taxpayer" or "none")) yield return $"a notice's signer '{notice.Signer}' must be taxpayer or none";
                if (step.Expect?.Reply is { } reply && reply.Count != notice.Entries.Count)
                    yield return $"the reply expects {reply.Count} verdicts, but the notice has {notice.Entries.Count} entries";
                foreach (var m in notice.Mutations)
                    if (!MutationOps.Contains(m.Op)) yield return $"unknown mutation op '{m.Op}' (known: {string.Join(", ", MutationOps)})";
            }
            if (send.Tvan is { } t && !tvans.Contains(t)) yield return $"T-VAN {t} is not in the catalogue seed";
            if (send.As is { } alias && !aliases.Add(alias)) yield return $"alias '{alias}' is used twice";
            foreach (var m in send.Package?.Mutations ?? [])
            {
                if (!MutationOps.Contains(m.Op)) yield return $"unknown mutation op '{m.Op}' (known: {string.Join(", ", MutationOps)})";
                if (m.Stage is not ("unsigned" or "signed")) yield return $"mutation stage '{m.Stage}' must be unsigned or signed";
                if (m.Op == "replace" ? m.From is null || m.To is null : m.Path is null) yield return $"mutation '{m.Op}' lacks its path or from/to";
            }
            if (send.Package?.Signer is { } signer && !SignerPattern().IsMatch(signer)) yield return $"signer '{signer}' is not taxpayer, none, expired, expired-now or mst:<MST>";
            if (send.Package?.Shape is { } shape && Einvoice.Samples.ProductionShapes.Named(shape) is null)
                yield return $"shape '{shape}' is not one of {string.Join(", ", Einvoice.Samples.ProductionShapes.All.Select(s => s.Name))}";
            if (send.Package is { Shape: not null, Signer: not "taxpayer" }) yield return "a shape is signed by the taxpayer; leave signer out";
        }
        if (step.Resend is { } resend)
        {
            if (!aliases.Contains(resend.Of)) yield return $"resends '{resend.Of}', which no earlier step sent";
            if (!ResendModes.Contains(resend.Mode)) yield return $"unknown resend mode '{resend.Mode}'";
            if (resend.As is { } alias && !aliases.Add(alias)) yield return $"alias '{alias}' is used twice";
        }
        if (step.Expect?.SameAckAs is { } same && !aliases.Contains(same)) yield return $"sameAckAs '{same}' names no earlier message";
        if (step.Expect is not null && step.Send is null && step.Resend is null && step.Check is null && !step.Reconcile)
            yield return "only a send, resend, check or reconcile step can expect answers";
    }

    private static HashSet<string> SeedTvans(CatalogueSetup setup) =>
        [.. (setup.Seed["tvans"]?.AsArray() ?? []).Select(t => t?["code"]?.GetValue<string>()).OfType<string>()];

    private static IEnumerable<string> Range(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex("^[A-Z0-9]+(-[A-Z0-9]+)+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^(taxpayer|none|expired|expired-now|mst:[0-9]{10})$")]
    private static partial Regex SignerPattern();
}
