using ConformanceKit.Einvoice.Schemas;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>Runs a message through the validator with and without the streamed signature check and compares every part of both answers.</summary>
internal static class StreamedSignatureSupport
{
    private static readonly ValidationOptions DomOnly = new() { StreamSignatures = false };

    /// <summary>The streamed check for the message, or null when it hands over to the DOM verifier.</summary>
    public static SignatureCheck? Streamed(byte[] bytes, string type)
    {
        var findings = new List<Finding>();
        var facts = SchemaPass.Run(bytes, SchemaCatalog.For(type)!, findings, (_, _, _) => ErrorCodes.SchemaViolation,
            signatures: StreamedSignature.Placement(type));
        return StreamedSignature.TryVerify(facts.Signatures!);
    }

    /// <summary>Validates both ways, asserts the answers are the same, and returns the default (streaming) one.</summary>
    public static ValidationResult SameBothWays(byte[] bytes)
    {
        var streamed = MessageValidator.Validate(bytes);
        var dom = MessageValidator.Validate(bytes, DomOnly);
        Assert.Equal(Describe(dom), Describe(streamed));
        return streamed;
    }

    public static string Describe(ValidationResult r) =>
        string.Join("\n", r.Findings.Select(f => $"{f.Code} {f.Severity} {f.Line}:{f.Column} {f.Path} {f.Message} [{f.Value}] [{f.Expected}] {f.InvoiceIndex} {f.InvoiceCode}"))
        + "\n--\n" + string.Join("\n", r.Signatures.Select(Describe));

    public static string Describe(SignatureCheck c) =>
        $"{c.Status} {c.SignatureId} {c.Path} {c.SubjectName} {c.SigningTime:O} {c.SigningTimeInNoNamespace} {c.SignatureValueValid} " +
        $"{c.Certificate?.Thumbprint} [{string.Join(" | ", c.Problems)}] " +
        string.Join(", ", c.References.Select(r => $"{r.Uri}->{r.ResolvedPath}:{r.DigestValid}:{r.Problem}"));
}
