using ConformanceKit.Harness.Catalogue;

namespace ConformanceKit.Harness.Tests.Runner;

/// <summary>The built-in catalogue: well-formed, complete, and its rules catch a broken case file.</summary>
public class CatalogueTests
{
    private static readonly CaseCatalogue Catalogue = CaseCatalogue.Load();

    [Fact]
    public void Every_code_and_flow_the_issue_names_has_a_positive_and_a_negative_case()
    {
        Assert.Empty(CatalogueRules.MissingCoverage(Catalogue.Cases));
    }

    [Fact]
    public void Ids_are_unique_and_name_their_code()
    {
        Assert.Equal(Catalogue.Cases.Count, Catalogue.Cases.Select(c => c.Id).Distinct().Count());
        foreach (var c in Catalogue.Cases.Where(c => c.Covers.All(char.IsAsciiDigit)))
            Assert.Contains(c.Covers, c.Id);
    }

    [Fact]
    public void Every_negative_data_check_case_expects_its_code_exactly()
    {
        foreach (var c in Catalogue.Cases.Where(c => c.Polarity == "negative" && c.Covers.All(char.IsAsciiDigit)))
        {
            var codes = c.Steps.SelectMany(s => (s.Expect?.Notice?.Codes ?? []).Concat(s.Expect?.AckCodes ?? [])
                .Concat((s.Expect?.Reply ?? []).SelectMany(r => r.Codes)).Concat((s.Expect?.Findings ?? []).SelectMany(f => f.Codes))).ToList();
            Assert.True(codes.Contains(c.Covers) || c.Covers == "1002", $"{c.Id} covers {c.Covers} but never expects it");
        }
    }

    [Fact]
    public void Every_case_has_a_title_in_english_and_vietnamese_and_a_rule()
    {
        Assert.All(Catalogue.Cases, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Title.En));
            Assert.False(string.IsNullOrWhiteSpace(c.Title.Vi));
            Assert.False(string.IsNullOrWhiteSpace(c.Rule));
            Assert.NotEqual(c.Title.En, c.Title.Vi);
        });
    }

    [Fact]
    public void Filter_matches_ids_groups_codes_and_wildcards()
    {
        Assert.All(Catalogue.Select("KTDL-40*"), c => Assert.StartsWith("KTDL-40", c.Id));
        Assert.All(Catalogue.Select("reception"), c => Assert.Equal("reception", c.Group));
        Assert.Equal(Catalogue.Cases.Count(c => c.Covers == "7005"), Catalogue.Select("7005").Count);
        Assert.Equal(Catalogue.Cases.Count, Catalogue.Select(null).Count);
        Assert.Empty(Catalogue.Select("NO-SUCH-CASE"));
    }

    [Fact]
    public void A_broken_case_file_is_refused_with_every_problem_named()
    {
        var setup = """
            { "version": "t", "mainTaxpayer": "0106324653", "mainTvan": "V1000001118",
              "seed": { "tvans": [ { "code": "V1000001118", "apiKey": "k" } ] } }
            """;
        var cases = """
            { "group": "g", "cases": [
              { "id": "bad id", "polarity": "sideways", "covers": "x", "title": { "en": "e", "vi": "v" }, "rule": "r",
                "given": { "clock": { "rate": 0 } },
                "steps": [ { "send": { "package": { "mutations": [ { "op": "explode", "path": "/TDiep" } ] }, "tvan": "V9" } },
                           { "resend": { "of": "nothing", "mode": "same-bytes" } } ] },
              { "id": "A-1", "polarity": "positive", "covers": "x", "title": { "en": "e", "vi": "v" }, "rule": "r", "steps": [ { "advanceClockSeconds": 1, "clearFaults": true } ] },
              { "id": "A-1", "polarity": "positive", "covers": "x", "title": { "en": "e", "vi": "v" }, "rule": "r", "steps": [], "typo": 1 } ] }
            """;
        var e = Assert.Throws<CatalogueException>(() => CaseCatalogue.Parse(setup, [("g.json", cases)]));
        Assert.Contains(e.Problems, p => p.StartsWith("g.json: line", StringComparison.Ordinal) && p.Contains("typo"));
        var fixedCases = cases.Replace(", \"typo\": 1", "", StringComparison.Ordinal);
        e = Assert.Throws<CatalogueException>(() => CaseCatalogue.Parse(setup, [("g.json", fixedCases)]));
        var all = string.Join("\n", e.Problems);
        Assert.Contains("bad id: the id must look like", all);
        Assert.Contains("polarity 'sideways'", all);
        Assert.Contains("must be exclusive", all);
        Assert.Contains("unknown mutation op 'explode'", all);
        Assert.Contains("T-VAN V9 is not in the catalogue seed", all);
        Assert.Contains("resends 'nothing', which no earlier step sent", all);
        Assert.Contains("A-1: step 1: needs exactly one of", all);
        Assert.Contains("A-1: the id is used 2 times", all);
        Assert.Contains("A-1: no steps", all);
    }

    [Fact]
    public void Every_positive_correction_or_reconciliation_case_expects_no_refusal_and_no_finding()
    {
        var cases = Catalogue.Cases.Where(c => c.Polarity == "positive" && c.Group is "correction" or "reconciliation").ToList();
        Assert.Equal(15, cases.Count);
        foreach (var c in cases)
        {
            var last = c.Steps[^1].Expect!;
            if (c.Group == "reconciliation") Assert.True(last.Findings is { Count: 0 }, $"{c.Id} expects findings");
            else Assert.True(last.Notice is { Ltbao: 2 } || last.Reply is { } r && r.All(v => v.Accepted), $"{c.Id} expects a refusal");
        }
    }

    [Fact]
    public void A_broken_correction_case_is_refused_with_every_problem_named()
    {
        var setup = """
            { "version": "t", "mainTaxpayer": "0106324653", "mainTvan": "V1000001118",
              "seed": { "tvans": [ { "code": "V1000001118", "apiKey": "k" } ] } }
            """;
        var cases = """
            { "group": "g", "cases": [
              { "id": "C-1", "polarity": "negative", "covers": "9001", "title": { "en": "e", "vi": "v" }, "rule": "r",
                "steps": [ { "send": { "package": { "invoices": 1, "related": [ { "invoice": 2, "kind": "swap", "of": "later" } ] }, "as": "a" } },
                           { "send": { "notice": { "signer": "mst:0106324653", "entries": [ { "of": "nothing", "action": "delete" } ] } },
                             "expect": { "reply": [ { "accepted": true }, { "accepted": false } ] } },
                           { "reconcile": true, "expect": { "ack": 0, "findings": [ { "of": "ghost", "codes": ["8001"] } ] } },
                           { "send": { "package": {} }, "expect": { "findings": [], "reply": [] } } ] } ] }
            """;
        var e = Assert.Throws<CatalogueException>(() => CaseCatalogue.Parse(setup, [("g.json", cases)]));
        var all = string.Join("\n", e.Problems);
        Assert.Contains("C-1: step 1: relation kind 'swap' must be replace or adjust", all);
        Assert.Contains("C-1: step 1: relates to 'later', which no earlier step sent", all);
        Assert.Contains("C-1: step 1: relation of invoice 2, but the package has 1", all);
        Assert.Contains("C-1: step 2: a notice entry names 'nothing', which no earlier step sent", all);
        Assert.Contains("C-1: step 2: notice action 'delete' must be cancel, adjust, replace or explain", all);
        Assert.Contains("C-1: step 2: a notice's signer 'mst:0106324653' must be taxpayer or none", all);
        Assert.Contains("C-1: step 2: the reply expects 2 verdicts, but the notice has 1 entries", all);
        Assert.Contains("C-1: step 3: a reconcile step expects findings, and nothing else", all);
        Assert.Contains("C-1: step 3: a finding names 'ghost', which no earlier step sent", all);
        Assert.Contains("C-1: step 4: only a reconcile step can expect findings", all);
        Assert.Contains("C-1: step 4: only a notice (303) can expect a reply (301)", all);
    }
}
