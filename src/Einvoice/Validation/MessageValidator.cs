using System.Xml;
using ConformanceKit.Einvoice.Schemas;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Validation;

/// <summary>
/// Validates one message and returns every finding, located. Never throws for bad input:
/// whatever the bytes, the answer is a <see cref="ValidationResult"/>.
/// </summary>
public static class MessageValidator
{
    /// <summary>Responses the authority signs over TBao/DLTBao.</summary>
    private static readonly HashSet<string> Notices = ["102", "103", "204", "301", "302"];

    public static ValidationResult Validate(byte[] bytes, ValidationOptions? options = null)
    {
        options ??= ValidationOptions.Default;
        var findings = new List<Finding>();
        if (bytes.Length > SafeXml.MaxMessageBytes)
        {
            findings.Add(new Finding(ErrorCodes.TooLarge, Severity.Error,
                $"the message is {bytes.Length:N0} bytes; the limit is {SafeXml.MaxMessageBytes:N0} bytes (2 MB)",
                Value: bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Expected: $"at most {SafeXml.MaxMessageBytes} bytes"));
            return new ValidationResult { Findings = findings };
        }

        var header = HeaderScan.Run(bytes);
        if (header.Failure is not null)
            return new ValidationResult { Findings = [header.Failure] };

        var type = header.MessageType;
        var schemas = type is null || options.EnvelopeOnly ? null : SchemaCatalog.For(type);
        if (type is not null && schemas is null && !options.EnvelopeOnly)
            findings.Add(new Finding(ErrorCodes.MessageTypeNotSupported, Severity.Warning,
                $"message type {type} has no data schema in this kit: only the envelope and signatures were checked",
                Path: "/TDiep/TTChung/MLTDiep", Value: type,
                Expected: "one of " + string.Join(", ", SchemaCatalog.MessageTypes)));

        MessageFacts facts;
        try
        {
            // A message type with one placed signature has it verified from this same read (no DOM) when it is valid.
            var placement = options.CheckSignatures && !options.EnvelopeOnly && options.StreamSignatures ? StreamedSignature.Placement(type) : null;
            facts = SchemaPass.Run(bytes, schemas ?? SchemaCatalog.Envelope, findings, Classify, headerOnly: options.EnvelopeOnly,
                signatures: placement);
        }
        catch (XmlLimitException ex)
        {
            findings.Add(new Finding(ErrorCodes.NotWellFormed, Severity.Error, ex.Reason, ex.LineNumber, ex.LinePosition));
            return new ValidationResult { Findings = Capped(findings), MessageType = type };
        }
        catch (XmlException ex)
        {
            findings.Add(new Finding(ErrorCodes.NotWellFormed, Severity.Error, "not well-formed XML: " + PrintableText.Of(ex.Message),
                ex.LineNumber, ex.LinePosition));
            return new ValidationResult { Findings = Capped(findings), MessageType = type };
        }
        catch (InvalidDataException ex)
        {
            findings.Add(new Finding(ErrorCodes.NotWellFormed, Severity.Error, PrintableText.Of(ex.Message)));
            return new ValidationResult { Findings = Capped(findings), MessageType = type };
        }

        EnvelopeRules.Check(facts, type, findings);
        if (options.EnvelopeOnly)
            return new ValidationResult
            {
                Findings = Capped(Order(findings)),
                MessageType = type,
                MessageId = facts.Header.GetValueOrDefault("MTDiep")?.Value,
                TaxCode = facts.Header.GetValueOrDefault("MST")?.Value,
                Sender = facts.Header.GetValueOrDefault("MNGui")?.Value,
                DeclaredCount = facts.Header.GetValueOrDefault("SLuong")?.Value,
                InvoiceCount = facts.Invoices.Count,
            };
        if (type == "206")
        {
            PackageRules.Check(facts, options, findings);
            if (options.Advisory) AdvisoryRules.Check(facts, findings);
        }

        IReadOnlyList<SignatureCheck> signatures = [];
        if (options.CheckSignatures && (facts.HasSignature || type is "206" or "303" || (type is not null && Notices.Contains(type))))
        {
            // Verified from the validation pass when it can be proven valid there; otherwise on a DOM of its own, which
            // words every refusal (building that DOM through the validating reader measured 48% slower than two reads).
            signatures = SignatureRules.Check(bytes, facts.Signatures, type, findings);
        }

        return new ValidationResult
        {
            Findings = Capped(Order(FillInvoiceCodes(findings, facts))),
            MessageType = type,
            MessageId = facts.Header.GetValueOrDefault("MTDiep")?.Value,
            TaxCode = facts.Header.GetValueOrDefault("MST")?.Value,
            Sender = facts.Header.GetValueOrDefault("MNGui")?.Value,
            DeclaredCount = facts.Header.GetValueOrDefault("SLuong")?.Value,
            InvoiceCount = facts.Invoices.Count,
            InvoiceCodes = [.. facts.Invoices.Select(i => i.Code?.Value)],
            Invoices = type == "206" ? [.. facts.Invoices.Select(InvoiceSummaries.From)] : [],
            Signatures = signatures,
        };
    }

    /// <summary>
    /// A schema violation in the envelope header is a reception error (1004 for MTDiep's value, 1003 for the rest,
    /// including a missing element reported at MTDiep); elsewhere it is 3001.
    /// </summary>
    private static string Classify(string path, string element, bool structural)
    {
        if (path == "/TDiep/TTChung/MTDiep" && !structural) return ErrorCodes.MessageIdMalformed;
        if (path.StartsWith("/TDiep/TTChung", StringComparison.Ordinal) || !path.StartsWith("/TDiep", StringComparison.Ordinal)
            || path == "/TDiep")
            return ErrorCodes.EnvelopeInvalid;
        return ErrorCodes.SchemaViolation;
    }

    private static List<Finding> FillInvoiceCodes(List<Finding> findings, MessageFacts facts)
    {
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            if (f.InvoiceIndex is { } index && f.InvoiceCode is null && index >= 1 && index <= facts.Invoices.Count
                && facts.Invoices[index - 1].Code?.Value is { Length: > 0 } code)
                findings[i] = f with { InvoiceCode = code };
        }
        return findings;
    }

    /// <summary>
    /// At most <see cref="ValidationOptions.MaxFindings"/> findings, then one that counts the rest: a message
    /// built to fail a rule 100,000 times gets a short answer, not one a hundred times its own size.
    /// </summary>
    private static List<Finding> Capped(List<Finding> findings)
    {
        if (findings.Count <= ValidationOptions.MaxFindings) return findings;
        var rest = findings.Count - ValidationOptions.MaxFindings;
        var first = findings[ValidationOptions.MaxFindings];
        var kept = findings.GetRange(0, ValidationOptions.MaxFindings);
        kept.Add(first with
        {
            Message = $"{rest:N0} more finding(s) not listed; the first of them: {first.Message}",
            Value = null, Expected = null,
        });
        return kept;
    }

    private static List<Finding> Order(List<Finding> findings) =>
        [.. findings.OrderBy(f => f.Line == 0 ? int.MaxValue : f.Line).ThenBy(f => f.Column).ThenBy(f => f.Code, StringComparer.Ordinal)];
}
