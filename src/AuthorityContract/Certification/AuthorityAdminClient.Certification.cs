using ConformanceKit.AuthorityContract.Certification;

namespace ConformanceKit.AuthorityContract;

/// <summary>The control plane's certification routes (issue 17; docs/certification.md).</summary>
public sealed partial class AuthorityAdminClient
{
    /// <summary>
    /// GET /admin/v1/certification/sessions/{id}/result: the session as the certification server judged it (an open
    /// session is judged as of now). A session the server does not know is an <see cref="AuthorityApiException"/> with 404.
    /// </summary>
    public Task<CertificationSessionResult> GetCertificationResultAsync(string sessionId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return JsonAsync<CertificationSessionResult>(HttpMethod.Get,
            $"admin/v1/certification/sessions/{Uri.EscapeDataString(sessionId)}/result", null, ct);
    }
}
