namespace ConformanceKit.Provider.Signing;

/// <summary>Why a signature could not be made now.</summary>
public enum SigningFailure
{
    /// <summary>The signing service could not be reached (connection refused, DNS, timeout).</summary>
    Unreachable,

    /// <summary>The service refused the signer key (HTTP 401/403): a configuration error, retrying will not help.</summary>
    Unauthorized,

    /// <summary>The service is up but cannot sign now (HTTP 503 or another 5xx): retry later.</summary>
    Unavailable,

    /// <summary>The service rejected the request (HTTP 4xx other than 401/403).</summary>
    Rejected,

    /// <summary>The service answered with something that is not a usable certificate or signature.</summary>
    BadResponse,
}

/// <summary>
/// A package could not be signed now because the signing service failed; the package stays unsigned and the
/// provider may try again later (see <see cref="IsTransient"/>). The message names the cause.
/// </summary>
public sealed class SigningUnavailableException : Exception
{
    public SigningUnavailableException(SigningFailure reason, string message, Exception? innerException = null)
        : base(message, innerException) => Reason = reason;

    public SigningFailure Reason { get; }

    /// <summary>HTTP status the service answered with, when it answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>True when retrying later may succeed (unreachable, 503/5xx); false for a wrong key or a bad answer.</summary>
    public bool IsTransient => Reason is SigningFailure.Unreachable or SigningFailure.Unavailable;
}
