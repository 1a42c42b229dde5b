using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.Harness.Reports;

/// <summary>
/// report.json: <c>{ "report": {…RunReport…}, "signature": {…ReportSignature…} }</c>. The signed bytes are the
/// exact UTF-8 bytes of the "report" member's value as they stand in the file (its start token to its end),
/// so verifying needs no re-serialisation.
/// </summary>
public static class JsonReport
{
    /// <summary>How the RunReport is (de)serialised: camelCase, enums as strings, indented.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // The file is read by people too: keep Vietnamese and XML excerpts legible (it is never embedded in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The bytes of report.json for <paramref name="report"/>, signed.</summary>
    public static byte[] Write(RunReport report, ReportSigner signer, DateTimeOffset signedAt)
    {
        var draft = Compose(report, ReportSignature.Placeholder);
        var (start, length) = Members.Find(draft).Report ?? throw new InvalidOperationException("the draft holds no report");
        var signature = ReportSignature.Create(signer, draft.AsSpan(start, length), signedAt);
        var signed = Compose(report, signature);
        // The report comes first, so the signature's text cannot move or change it.
        if (!signed.AsSpan(start, length).SequenceEqual(draft.AsSpan(start, length)))
            throw new InvalidOperationException("the report's bytes changed while the signature was added");
        return signed;
    }

    /// <summary>Checks a report.json (without trust decisions; see <see cref="ReportVerifier"/>).</summary>
    public static ReportVerification Verify(ReadOnlySpan<byte> file)
    {
        Members members;
        try
        {
            members = Members.Find(file);
        }
        catch (JsonException ex)
        {
            return ReportVerification.NotAReport(ReportFormat.Json, "not valid JSON: " + ex.Message);
        }
        if (members.Duplicate is { } duplicate)
            return new ReportVerification(ReportFormat.Json, ReportIntegrity.Tampered, $"the file holds \"{duplicate}\" twice");
        if (members.Report is not var (start, length))
            return ReportVerification.NotAReport(ReportFormat.Json, "no \"report\" object: not a ck report");
        var content = file.Slice(start, length);
        var report = TryRead(content);

        if (members.Signature is not var (sigStart, sigLength))
            return report is null
                ? ReportVerification.NotAReport(ReportFormat.Json, "the \"report\" object is not a ck report")
                : new ReportVerification(ReportFormat.Json, ReportIntegrity.Unsigned, "no signature", Facts: ReportFacts.Of(report), Report: report);
        if (ReportSignature.FromJson(file.Slice(sigStart, sigLength)) is not { } signature)
            return new ReportVerification(ReportFormat.Json, ReportIntegrity.Tampered, "the \"signature\" object cannot be read",
                Facts: report is null ? null : ReportFacts.Of(report), Report: report);

        var check = signature.Verify(content);
        if (check.IsValid && report is null)
            return ReportVerification.NotAReport(ReportFormat.Json, "signed, but the \"report\" object is not a ck report");
        return ReportVerification.From(ReportFormat.Json, check, report is null ? null : ReportFacts.Of(report), report);
    }

    /// <summary>The RunReport in <paramref name="json"/>, or null when it is not one.</summary>
    public static RunReport? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            var report = JsonSerializer.Deserialize<RunReport>(json, Options);
            return report is { Format: not null } && report.Format.StartsWith("ck-report/", StringComparison.Ordinal)
                ? report
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Compose(RunReport report, ReportSignature signature)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("report");
            JsonSerializer.Serialize(writer, report, Options);
            writer.WritePropertyName("signature");
            JsonSerializer.Serialize(writer, signature, ReportSignature.Options);
            writer.WriteEndObject();
        }
        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    /// <summary>Where the top-level "report" and "signature" values sit in the file (start, length).</summary>
    private readonly record struct Members((int Start, int Length)? Report, (int Start, int Length)? Signature, string? Duplicate)
    {
        /// <summary>Throws <see cref="JsonException"/> when the file is not one well-formed JSON object.</summary>
        public static Members Find(ReadOnlySpan<byte> file)
        {
            var offset = file.StartsWith("\uFEFF"u8) ? 3 : 0;
            var reader = new Utf8JsonReader(file[offset..], new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException("the file is not a JSON object");
            (int, int)? report = null, signature = null;
            string? duplicate = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var span = (offset + start, (int)reader.BytesConsumed - start);
                switch (name)
                {
                    case "report":
                        if (report is not null) duplicate ??= name;
                        if (reader.TokenType == JsonTokenType.EndObject) report = span;
                        break;
                    case "signature":
                        if (signature is not null) duplicate ??= name;
                        if (reader.TokenType == JsonTokenType.EndObject) signature = span;
                        break;
                }
            }
            if (reader.Read()) throw new JsonException("content after the JSON object");
            return new Members(report, signature, duplicate);
        }
    }
}
