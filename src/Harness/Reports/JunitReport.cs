using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Harness.Reports;

/// <summary>
/// report.junit.xml for CI (GitLab, Jenkins …): <c>&lt;testsuites&gt;</c> with one <c>&lt;testsuite&gt;</c> per case
/// group, signed with an enveloped XMLDSig signature (RSA-SHA256, SHA-256 digest, reference URI "", the signer's
/// X.509 certificate in KeyInfo) as the last element of <c>&lt;testsuites&gt;</c>. The signing time is the
/// <c>signedAt</c> property of every testsuite, so the signature covers it (older reports have none).
/// </summary>
public static class JunitReport
{
    /// <summary>The largest report file verify-report reads.</summary>
    public const int MaxBytes = 256 * 1024 * 1024;

    private const string FormatProperty = "format";
    private const string SignedAtProperty = "signedAt";

    /// <summary>The bytes of report.junit.xml for <paramref name="report"/>, signed at <paramref name="signedAt"/>.</summary>
    public static byte[] Write(RunReport report, ReportSigner signer, DateTimeOffset signedAt)
    {
        var doc = Load(Compose(report, signedAt));
        var signed = new SignedXml(doc) { SigningKey = signer.Key };
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        signed.SignedInfo.CanonicalizationMethod = SignedXml.XmlDsigC14NTransformUrl;
        var reference = new Reference("") { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigC14NTransform());
        signed.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(signer.Certificate));
        signed.KeyInfo = keyInfo;
        signed.ComputeSignature();

        // Before the root's closing line break: the signature is its last element, and the bytes the digest
        // covered (everything but the signature) stay as they were.
        var root = doc.DocumentElement!;
        var signature = doc.ImportNode(signed.GetXml(), deep: true);
        if (root.LastChild is XmlWhitespace trailing) root.InsertBefore(signature, trailing);
        else root.AppendChild(signature);
        return SafeXml.ToBytes(doc);
    }

    /// <summary>Checks a report.junit.xml (without trust decisions; see <see cref="ReportVerifier"/>).</summary>
    public static ReportVerification Verify(ReadOnlySpan<byte> file)
    {
        XmlDocument doc;
        try
        {
            doc = Load(file);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or DecoderFallbackException)
        {
            return ReportVerification.NotAReport(ReportFormat.Junit, "not well-formed XML: " + ex.Message);
        }
        var root = doc.DocumentElement;
        if (root is not { LocalName: "testsuites", NamespaceURI: "" })
            return ReportVerification.NotAReport(ReportFormat.Junit, "the root element is not <testsuites>");
        var facts = ReadFacts(root);
        if (facts is null)
            return ReportVerification.NotAReport(ReportFormat.Junit, "a JUnit file, but not one written by ck (no ck-report properties)");

        var signatures = doc.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl).OfType<XmlElement>().ToList();
        if (signatures.Count == 0)
            return new ReportVerification(ReportFormat.Junit, ReportIntegrity.Unsigned, "no signature", Facts: facts);
        var check = Check(root, signatures);
        // The signedAt property lies inside the signed document: a valid signature covers it.
        var signedAt = SignedAt(root);
        if (check.IsValid) check = SignatureCheck.Good(check.Signer!, signedAt, signedAt is not null);
        return ReportVerification.From(ReportFormat.Junit, check, facts, null);
    }

    private static SignatureCheck Check(XmlElement root, List<XmlElement> signatures)
    {
        if (signatures.Count > 1) return SignatureCheck.Bad($"the file holds {signatures.Count} signatures, expected one");
        var element = signatures[0];
        if (element.ParentNode != root || root.ChildNodes.OfType<XmlElement>().Last() != element)
            return SignatureCheck.Bad("the signature is not the last element of <testsuites>");

        var signed = new SignedXml(root.OwnerDocument);
        try
        {
            signed.LoadXml(element);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            return SignatureCheck.Bad("the signature cannot be read: " + ex.Message);
        }
        var certificate = signed.KeyInfo?.OfType<KeyInfoX509Data>().SelectMany(d => d.Certificates?.OfType<X509Certificate2>() ?? [])
            .FirstOrDefault();
        if (certificate is null) return SignatureCheck.Bad("certificate missing from the signature's KeyInfo");
        var signer = SignerInfo.Of(certificate);
        if (signed.SignedInfo!.SignatureMethod != SignedXml.XmlDsigRSASHA256Url)
            return SignatureCheck.Bad($"unsupported signature method {signed.SignedInfo.SignatureMethod}", signer);
        var references = signed.SignedInfo.References.OfType<Reference>().ToList();
        if (references is not [{ Uri: "" } reference] || reference.DigestMethod != SignedXml.XmlDsigSHA256Url)
            return SignatureCheck.Bad("the signature does not cover the whole document (one SHA-256 reference to \"\" expected)", signer);
        if (!Enumerable.Range(0, reference.TransformChain.Count).Any(i => reference.TransformChain[i] is XmlDsigEnvelopedSignatureTransform))
            return SignatureCheck.Bad("the signature's reference lacks the enveloped-signature transform", signer);
        using var key = certificate.GetRSAPublicKey();
        if (key is null) return SignatureCheck.Bad("certificate holds no RSA key", signer);
        if (key.KeySize < 2048) return SignatureCheck.Bad($"certificate key is {key.KeySize} bits, under 2048", signer);
        bool valid;
        try
        {
            valid = signed.CheckSignature(certificate, verifySignatureOnly: true);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            return SignatureCheck.Bad("the signature cannot be checked: " + ex.Message, signer);
        }
        return valid ? SignatureCheck.Good(signer, null, false) : SignatureCheck.Bad("signature does not match the content", signer);
    }

    private static Dictionary<string, string> Properties(XmlElement root) =>
        root.SelectNodes("testsuite[1]/properties/property")!.OfType<XmlElement>()
            .GroupBy(p => p.GetAttribute("name"))
            .ToDictionary(g => g.Key, g => g.First().GetAttribute("value"), StringComparer.Ordinal);

    private static DateTimeOffset? SignedAt(XmlElement root) =>
        Properties(root).TryGetValue(SignedAtProperty, out var v) && ParseTime(v) is { } t ? t : null;

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private static ReportFacts? ReadFacts(XmlElement root)
    {
        var properties = Properties(root);
        if (!properties.TryGetValue(FormatProperty, out var format) || !format.StartsWith("ck-report/", StringComparison.Ordinal))
            return null;
        string Get(string name) => properties.TryGetValue(name, out var v) ? v : "";
        string? Maybe(string name) => properties.TryGetValue(name, out var v) ? v : null;
        DateTimeOffset? When(string name) => ParseTime(Maybe(name));
        int? Number(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        int Count(string attribute) => Number(root.GetAttribute(attribute)) ?? 0;
        int tests = Count("tests"), failures = Count("failures"), errors = Count("errors"), skipped = Count("skipped");
        ReportWindow? window = null;
        if (properties.Keys.Any(k => k.StartsWith("window.", StringComparison.Ordinal)))
            window = new ReportWindow
            {
                RealFrom = When("window.real.from"), RealTo = When("window.real.to"),
                SimulatedFrom = When("window.simulated.from"), SimulatedTo = When("window.simulated.to"),
            };
        TrafficCounts? counts = Number(Maybe("counts.packages")) is { } packages
            ? new TrafficCounts(packages, Number(Maybe("counts.invoices")) ?? 0, Number(Maybe("counts.notices")) ?? 0)
            {
                Refused = Number(Maybe("counts.refused")),
            }
            : null;
        CertificationInfo? certification = Maybe("certification.vendor") is { } vendor
            ? new CertificationInfo
            {
                IssuedBy = Get("certification.issuedBy"), VendorName = vendor, SystemName = Get("certification.system"),
                SystemVersion = Get("certification.systemVersion"), Sender = Get("certification.sender"),
                PlanId = Get("certification.planId"), PlanVersion = Get("certification.planVersion"),
                ServerVersion = Get("certification.serverVersion"), ServerVerdict = Get("certification.serverVerdict"),
            }
            : null;
        return new ReportFacts(Get("kind"), Get("sessionId"), Get("tool.name"), Get("tool.version"),
            properties.TryGetValue("catalogueVersion", out var catalogue) ? catalogue : null,
            Get("target.url"), Get("target.description"), When("startedAt"), When("finishedAt"),
            tests, tests - failures - errors - skipped, failures, errors)
        {
            Incomplete = skipped, StatedVerdict = Maybe("verdict"), Window = window, Counts = counts, Certification = certification,
        };
    }

    private static byte[] Compose(RunReport report, DateTimeOffset signedAt)
    {
        using var ms = new MemoryStream();
        var settings = new XmlWriterSettings
        {
            Encoding = SafeXml.Utf8, Indent = true, IndentChars = "  ", NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
        };
        using (var w = XmlWriter.Create(ms, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            Attr(w, "name", $"{report.Tool.Name} {report.Kind} {report.SessionId}");
            Attr(w, "tests", report.Summary.Total);
            Attr(w, "failures", report.Summary.Failed);
            Attr(w, "errors", report.Summary.Errors);
            Attr(w, "skipped", report.Summary.Incomplete);
            Attr(w, "time", ReportText.Seconds(report.Summary.DurationMs));
            Attr(w, "timestamp", Timestamp(report.StartedAt));

            var groups = report.Cases.GroupBy(c => c.Group).ToList();
            if (groups.Count == 0) Suite(w, report, report.Kind, [], signedAt);
            foreach (var group in groups) Suite(w, report, group.Key, group.ToList(), signedAt);

            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return ms.ToArray();
    }

    private static void Suite(XmlWriter w, RunReport report, string group, List<CaseReport> cases, DateTimeOffset signedAt)
    {
        w.WriteStartElement("testsuite");
        Attr(w, "name", group);
        Attr(w, "tests", cases.Count);
        Attr(w, "failures", cases.Count(c => c.Outcome == CaseOutcome.Failed));
        Attr(w, "errors", cases.Count(c => c.Outcome == CaseOutcome.Error));
        Attr(w, "skipped", cases.Count(c => c.Outcome == CaseOutcome.Incomplete));
        Attr(w, "time", ReportText.Seconds(cases.Sum(c => c.DurationMs)));
        Attr(w, "timestamp", Timestamp(report.StartedAt));

        w.WriteStartElement("properties");
        Property(w, FormatProperty, report.Format);
        Property(w, "kind", report.Kind);
        Property(w, "sessionId", report.SessionId);
        Property(w, "tool.name", report.Tool.Name);
        Property(w, "tool.version", report.Tool.Version);
        if (report.CatalogueVersion is not null) Property(w, "catalogueVersion", report.CatalogueVersion);
        Property(w, "target.url", report.Target.Url);
        Property(w, "target.description", report.Target.Description);
        Property(w, "startedAt", ReportText.Time(report.StartedAt));
        Property(w, "finishedAt", ReportText.Time(report.FinishedAt));
        Property(w, SignedAtProperty, signedAt.ToString("O", CultureInfo.InvariantCulture));
        Property(w, "verdict", report.EffectiveVerdict);
        Property(w, "standing", report.Standing);
        MetadataProperties(w, report);
        foreach (var (name, value) in report.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
            Property(w, "option." + name, value);
        w.WriteEndElement();

        foreach (var c in cases) Case(w, c);
        w.WriteEndElement();
    }

    /// <summary>The window, the counts and the certification metadata, when the report has them.</summary>
    private static void MetadataProperties(XmlWriter w, RunReport report)
    {
        void Time(string name, DateTimeOffset? at)
        {
            if (at is { } t) Property(w, name, ReportText.Time(t));
        }
        if (report.Window is { } window)
        {
            Time("window.real.from", window.RealFrom);
            Time("window.real.to", window.RealTo);
            Time("window.simulated.from", window.SimulatedFrom);
            Time("window.simulated.to", window.SimulatedTo);
        }
        if (report.Counts is { } counts)
        {
            Property(w, "counts.packages", counts.Packages.ToString(CultureInfo.InvariantCulture));
            Property(w, "counts.invoices", counts.Invoices.ToString(CultureInfo.InvariantCulture));
            Property(w, "counts.notices", counts.Notices.ToString(CultureInfo.InvariantCulture));
            if (counts.Refused is { } refused) Property(w, "counts.refused", refused.ToString(CultureInfo.InvariantCulture));
        }
        if (report.Certification is { } c)
        {
            Property(w, "certification.issuedBy", c.IssuedBy);
            Property(w, "certification.vendor", c.VendorName);
            Property(w, "certification.system", c.SystemName);
            Property(w, "certification.systemVersion", c.SystemVersion);
            Property(w, "certification.sender", c.Sender);
            Property(w, "certification.planId", c.PlanId);
            Property(w, "certification.planVersion", c.PlanVersion);
            Property(w, "certification.serverVersion", c.ServerVersion);
            Property(w, "certification.serverVerdict", c.ServerVerdict);
        }
    }

    private static void Case(XmlWriter w, CaseReport c)
    {
        w.WriteStartElement("testcase");
        Attr(w, "classname", c.Group);
        Attr(w, "name", $"{c.Id} {c.TitleEn}");
        Attr(w, "time", ReportText.Seconds(c.DurationMs));
        if (c.Outcome == CaseOutcome.Incomplete)
        {
            w.WriteStartElement("skipped");
            Attr(w, "message", ReportText.Cut(c.Findings.Count > 0 ? ReportText.Finding(c.Findings[0]) : "not performed", 1000));
            w.WriteEndElement();
        }
        else if (c.Outcome != CaseOutcome.Passed)
        {
            var failed = c.Outcome == CaseOutcome.Failed;
            w.WriteStartElement(failed ? "failure" : "error");
            var summary = c.Findings.Count switch
            {
                0 => failed ? "the case failed" : "the case could not be carried out",
                1 => ReportText.Finding(c.Findings[0]),
                var n => $"{n} findings: " + string.Join("; ", c.Findings.Select(ReportText.Finding)),
            };
            Attr(w, "message", ReportText.Cut(summary, 1000));
            Attr(w, "type", failed ? "conformance" : "harness");
            var body = new StringBuilder();
            if (c.Expected is { Length: > 0 }) body.Append("Expected: ").Append(c.Expected).Append('\n');
            body.Append("Rule: ").Append(c.Rule).Append(" (").Append(c.Polarity).Append(")\n");
            foreach (var f in c.Findings) body.Append("- ").Append(ReportText.Finding(f)).Append('\n');
            w.WriteString(ReportText.XmlSafe(body.ToString()));
            w.WriteEndElement();
        }
        if (c.Exchanges.Count > 0)
        {
            var output = new StringBuilder();
            foreach (var e in c.Exchanges)
            {
                output.Append(ReportText.ExchangeLine(e)).Append('\n');
                if (e.RequestExcerpt is { Length: > 0 }) output.Append("--- request ---\n").Append(e.RequestExcerpt).Append('\n');
                if (e.ResponseExcerpt is { Length: > 0 }) output.Append("--- response ---\n").Append(e.ResponseExcerpt).Append('\n');
            }
            w.WriteElementString("system-out", ReportText.XmlSafe(output.ToString()));
        }
        w.WriteEndElement();
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        Attr(w, "name", name);
        Attr(w, "value", value);
        w.WriteEndElement();
    }

    private static void Attr(XmlWriter w, string name, string value) => w.WriteAttributeString(name, ReportText.XmlAttribute(value));

    private static void Attr(XmlWriter w, string name, int value) =>
        w.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>JUnit's timestamp: ISO 8601 without an offset, in UTC.</summary>
    private static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    // A report of a long run has far more elements than one message; the other limits hold.
    private static readonly XmlLimits ReportLimits = new() { MaxElements = int.MaxValue };

    /// <summary>Like <see cref="SafeXml.LoadDocument"/> (no DTD, no resolver, structure limits) but for larger files.</summary>
    private static XmlDocument Load(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes) throw new InvalidDataException($"the file is over {MaxBytes} bytes");
        var settings = SafeXml.ReaderSettings();
        settings.MaxCharactersInDocument = MaxBytes;
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var inner = XmlReader.Create(stream, settings);
        using var reader = new BoundedXmlReader(inner, ReportLimits);
        doc.Load(reader);
        return doc;
    }
}
