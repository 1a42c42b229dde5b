using System.Security.Cryptography;
using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Checks one ds:Reference: same-document <c>#Id</c> URI resolved through the Id index (a value
/// carried twice is a wrapping attempt), only enveloped-signature and inclusive C14N transforms,
/// SHA-256, and the digest recomputed over the element canonicalised in document context.
/// </summary>
internal static class ReferenceEvaluator
{
    public static ReferenceCheck Evaluate(XmlElement reference, XmlElement signature, VerificationContext context)
    {
        var problems = new List<string>();
        var hasUri = reference.HasAttribute("URI");
        var uri = reference.GetAttribute("URI");
        var target = Resolve(hasUri, uri, context.Ids, problems);
        var enveloped = ReadTransforms(reference, uri, problems);
        var expected = ReadDigest(reference, uri, problems);

        var digestValid = false;
        if (problems.Count == 0 && target is not null && expected is not null)
        {
            // The enveloped-signature transform drops the signature holding this reference; it only
            // changes anything when that signature sits inside the referenced element.
            var actual = context.Digest(target, enveloped ? signature : null);
            digestValid = CryptographicOperations.FixedTimeEquals(actual, expected);
            if (!digestValid) problems.Add($"reference {uri} digest does not match: the signed content was changed");
        }

        return new ReferenceCheck(
            uri,
            target is null ? null : DomPath.Of(target),
            digestValid,
            problems.Count == 0 ? null : string.Join("; ", problems))
        {
            Target = target,
        };
    }

    private static XmlElement? Resolve(bool hasUri, string uri, IdIndex ids, List<string> problems)
    {
        const string only = "only same-document '#Id' references are accepted";
        if (!hasUri) { problems.Add($"a reference without a URI is not accepted: {only}"); return null; }
        if (uri.Length == 0) { problems.Add($"reference URI \"\" (the whole document) is not accepted: {only}"); return null; }
        if (uri[0] != '#') { problems.Add($"reference URI '{uri}' points outside the document: {only}"); return null; }
        if (uri.StartsWith("#xpointer(", StringComparison.Ordinal))
        {
            problems.Add($"reference URI '{uri}' uses XPointer, which is not accepted: {only}");
            return null;
        }

        var id = uri[1..];
        var carriers = ids.Carriers(id);
        if (carriers.Count > 1)
        {
            var paths = string.Join(", ", carriers.Select(DomPath.Of));
            problems.Add($"Id '{id}' appears on {carriers.Count} elements ({paths}): possible signature wrapping");
            return null;
        }
        var withId = ids.WithId(id);
        if (withId.Count == 1) return withId[0];
        problems.Add(carriers.Count == 1
            ? $"reference {uri} does not resolve: {DomPath.Of(carriers[0])} carries '{id}' in an attribute other than 'Id'"
            : $"reference {uri} does not resolve to any element with that Id");
        return null;
    }

    /// <returns>Whether the enveloped-signature transform is present.</returns>
    internal static bool ReadTransforms(XmlElement reference, string uri, List<string> problems)
    {
        var containers = DomPath.Children(reference, "Transforms", DsigNames.Ns);
        if (containers.Count == 0) return false;
        if (containers.Count > 1) { problems.Add($"reference {uri} has {containers.Count} Transforms elements"); return false; }

        bool enveloped = false, canonicalized = false;
        foreach (var t in DomPath.Children(containers[0], "Transform", DsigNames.Ns))
        {
            var alg = t.GetAttribute("Algorithm");
            if (alg is not (DsigNames.Enveloped or DsigNames.C14N or DsigNames.C14NWithComments))
            {
                problems.Add($"reference {uri} uses transform '{alg}', which is not allowed: only enveloped-signature and inclusive C14N 1.0");
                continue;
            }
            if (canonicalized)
                problems.Add($"reference {uri}: transform '{alg}' after canonicalization is not accepted");
            if (HasElementChild(t))
                problems.Add($"reference {uri}: transform '{alg}' carries parameters, which are not accepted");
            if (alg == DsigNames.Enveloped) enveloped = true;
            else canonicalized = true;
        }
        return enveloped;
    }

    internal static byte[]? ReadDigest(XmlElement reference, string uri, List<string> problems)
    {
        var method = DomPath.Single(reference, "DigestMethod", DsigNames.Ns);
        var value = DomPath.Single(reference, "DigestValue", DsigNames.Ns);
        if (method is null || value is null)
        {
            problems.Add($"reference {uri} needs exactly one DigestMethod and one DigestValue");
            return null;
        }
        var alg = method.GetAttribute("Algorithm");
        if (alg == DsigNames.Sha1) { problems.Add($"reference {uri}: SHA-1 digests are not accepted"); return null; }
        if (alg != DsigNames.Sha256)
        {
            problems.Add($"reference {uri}: digest method '{alg}' is not accepted: only SHA-256 ({DsigNames.Sha256})");
            return null;
        }
        try
        {
            return Convert.FromBase64String(value.InnerText);
        }
        catch (FormatException)
        {
            problems.Add($"reference {uri}: DigestValue is not base64");
            return null;
        }
    }

    private static bool HasElementChild(XmlElement e)
    {
        for (var c = e.FirstChild; c is not null; c = c.NextSibling)
            if (c is XmlElement) return true;
        return false;
    }
}
