using System.Text.RegularExpressions;

namespace ConformanceKit.Harness.Catalogue;

/// <summary>What makes a catalogue well-formed (checked on load) and complete (checked by the catalogue's tests).</summary>
public static partial class CatalogueRules
{
    public static readonly IReadOnlySet<string> MutationOps = new HashSet<string> { "set", "remove", "copy", "replace", "rename", "insert" };
    public static readonly IReadOnlySet<string> ResendModes = new HashSet<string> { "same-bytes", "same-id-other-content", "same-invoices-new-id", "fixed-new-id" };

    /// <summary>Every code and flow the issue names must have at least one positive and one negative case.</summary>
    public static readonly IReadOnlyList<string> RequiredCoverage =
    [
        .. Range(1001, 1008), .. Range(2001, 2004), .. Range(3001, 3003), .. Range(4001, 4004), "5001", "5002", "6001",
        .. Range(7001, 7006),
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
            + (step.Check is null ? 0 : 1);
        if (actions != 1) yield return "needs exactly one of send, resend, check, advanceClockSeconds, clearFaults";
        if (step.Check is { } check && !aliases.Contains(check)) yield return $"checks '{check}', which no earlier step sent";
        if (step.Send is { } send)
        {
            var kinds = (send.Package is null ? 0 : 1) + (send.Registration is null ? 0 : 1) + (send.Raw is null ? 0 : 1);
            if (kinds != 1) yield return "send needs exactly one of package, registration, raw";
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
        if (step.Expect is not null && step.Send is null && step.Resend is null && step.Check is null)
            yield return "only a send, resend or check step can expect answers";
    }

    private static HashSet<string> SeedTvans(CatalogueSetup setup) =>
        [.. (setup.Seed["tvans"]?.AsArray() ?? []).Select(t => t?["code"]?.GetValue<string>()).OfType<string>()];

    private static IEnumerable<string> Range(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex("^[A-Z0-9]+(-[A-Z0-9]+)+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^(taxpayer|none|expired|expired-now|mst:[0-9]{10})$")]
    private static partial Regex SignerPattern();
}
