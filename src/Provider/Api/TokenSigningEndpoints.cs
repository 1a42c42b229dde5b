using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConformanceKit.Provider.Api;

/// <summary>
/// Deferred (USB token) signing over the API: `ck sign` on the operator's machine, where the token is,
/// downloads each waiting package, signs it and uploads it. The provider accepts a signed package only
/// when its signature verifies and its DLieu is exactly the one it composed.
/// </summary>
public static class TokenSigningEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ProviderEngine engine)
    {
        var api = app.MapGroup("/api/v1/packages");
        api.MapGet("/{messageId}/unsigned", (string messageId) => engine.Store.FindPackage(messageId) is { } p
                ? Results.Bytes(p.Unsigned, "application/xml")
                : Results.Problem(statusCode: 404, title: "unknown package", detail: $"no package {messageId}"))
            .WithSummary("The package as composed, before the seller's signature (for `ck sign`).");
        api.MapPut("/{messageId}/signed", (string messageId, HttpRequest request, CancellationToken ct) =>
                PutSigned(engine, messageId, request, ct))
            .WithSummary("Store the seller-signed package of a package waiting in the to-sign queue.");
    }

    private static async Task<IResult> PutSigned(ProviderEngine engine, string messageId, HttpRequest request, CancellationToken ct)
    {
        if (engine.Store.FindPackage(messageId) is not { } package)
            return Results.Problem(statusCode: 404, title: "unknown package", detail: $"no package {messageId}");
        if (package.State != PackageState.ToSign)
            return Results.Problem(statusCode: 409, title: "the package is not waiting for a signature",
                detail: $"package {messageId} is {package.State}");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        string? problem;
        try
        {
            problem = Check(package.Unsigned, buffer.ToArray());
        }
        catch (Exception e) when (e is not OperationCanceledException) // whatever the upload holds, it is the uploader's 400
        {
            problem = $"the signed package cannot be read: {e.Message}";
        }
        if (problem is not null)
            return Results.Problem(statusCode: 400, title: "the signed package is not acceptable", detail: problem);
        if (!engine.Store.SetSigned(package.Id, buffer.ToArray()))
            return Results.Problem(statusCode: 409, title: "the package is not waiting for a signature", detail: $"package {messageId} changed meanwhile");
        engine.Wake();
        return Results.Ok(new { messageId, state = PackageState.Ready });
    }

    /// <summary>Null when <paramref name="signed"/> is <paramref name="unsigned"/> with a valid seller signature.</summary>
    public static string? Check(byte[] unsigned, byte[] signed)
    {
        System.Xml.XmlDocument doc;
        try
        {
            doc = SafeXml.LoadDocument(signed);
        }
        catch (System.Xml.XmlException e)
        {
            return $"not well-formed XML: {e.Message}";
        }
        var check = XmlSigner.IsTbao(doc) ? XmlSignatureVerifier.VerifyErroneousNotice(doc) : XmlSignatureVerifier.VerifyPackage(doc); // a 303 or a 206
        if (!check.IsValid) return $"the signature does not verify: {string.Join("; ", check.Problems)}";
        var original = SafeXml.LoadDocument(unsigned);
        // A 303's signature goes inside DLieu (TBao/DSCKS): what must not change is DLTBao.
        var tbao = XmlSigner.IsTbao(doc);
        var mine = tbao ? original.DocumentElement?["DLieu"]?["TBao"]?["DLTBao"] : original.DocumentElement?["DLieu"];
        var theirs = tbao ? doc.DocumentElement?["DLieu"]?["TBao"]?["DLTBao"] : doc.DocumentElement?["DLieu"];
        if (mine is null || theirs is null) return "the package has no /TDiep/DLieu";
        if (WithoutId(mine).OuterXml != WithoutId(theirs).OuterXml)
            return "/TDiep/DLieu differs from the package the provider composed";
        var header = original.DocumentElement?["TTChung"]?.OuterXml;
        if (header != doc.DocumentElement?["TTChung"]?.OuterXml) return "/TDiep/TTChung differs from the package the provider composed";
        return null;
    }

    // Signing may give DLieu the Id its Reference points at; the content is what must not change.
    private static System.Xml.XmlElement WithoutId(System.Xml.XmlElement element)
    {
        var copy = (System.Xml.XmlElement)element.CloneNode(deep: true);
        copy.RemoveAttribute("Id");
        return copy;
    }
}
