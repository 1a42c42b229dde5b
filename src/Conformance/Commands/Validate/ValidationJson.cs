using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.Conformance.Commands.Validate;

/// <summary>The machine-readable report of `ck validate --format json` (docs/validate.md describes it).</summary>
internal static class ValidationJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Vietnamese readable
    };

    public static void Write(IReadOnlyList<ValidateCommand.Outcome> outcomes, TextWriter output)
    {
        var report = new
        {
            valid = outcomes.Count > 0 && outcomes.All(o => o.Result?.IsValid == true),
            files = outcomes.Select(o => o.Result is null
                ? (object)new { path = o.Name, readable = false, error = o.ReadError }
                : new
                {
                    path = o.Name,
                    readable = true,
                    valid = o.Result.IsValid,
                    messageType = o.Result.MessageType,
                    messageId = o.Result.MessageId,
                    taxCode = o.Result.TaxCode,
                    invoiceCount = o.Result.InvoiceCount,
                    errors = o.Result.ErrorCount,
                    warnings = o.Result.WarningCount,
                    findings = o.Result.Findings.Select(f => new
                    {
                        code = f.Code,
                        severity = f.Severity == Severity.Error ? "error" : "warning",
                        message = f.Message,
                        line = f.Line == 0 ? (int?)null : f.Line,
                        column = f.Line == 0 ? (int?)null : f.Column,
                        path = f.Path,
                        invoice = f.InvoiceIndex,
                        invoiceCode = f.InvoiceCode,
                        value = f.Value,
                        expected = f.Expected,
                    }),
                    signatures = o.Result.Signatures.Select(Signature),
                }),
        };
        output.WriteLine(JsonSerializer.Serialize(report, Options));
    }

    private static object Signature(SignatureCheck s) => new
    {
        id = s.SignatureId,
        path = s.Path,
        status = s.Status.ToString().ToLowerInvariant(),
        signer = s.SubjectName,
        signingTime = s.SigningTime?.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        references = s.References.Select(r => new { uri = r.Uri, resolvedPath = r.ResolvedPath, digestValid = r.DigestValid, problem = r.Problem }),
        problems = s.Problems,
    };
}
