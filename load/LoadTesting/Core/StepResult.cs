namespace ConformanceKit.LoadTesting;

/// <summary>What one step of one invocation came to: ok or failed, with the status code, the bytes moved and, on failure, the kind of error.</summary>
/// <param name="StatusCode">The protocol's status (HTTP status; 0 when there was no answer).</param>
/// <param name="SizeBytes">Bytes sent and received, as the step counts them (for the report's throughput).</param>
/// <param name="Error">On failure, the kind ("HTTP 503", "timeout", "transport", "refused"): errors are counted by kind.</param>
/// <param name="Message">Optional detail for the first few errors of a kind.</param>
public sealed record StepResult(bool IsOk, int StatusCode, long SizeBytes, string? Error, string? Message = null)
{
    public static StepResult Ok(int statusCode = 200, long sizeBytes = 0) => new(true, statusCode, sizeBytes, null);

    public static StepResult Fail(string error, int statusCode = 0, long sizeBytes = 0, string? message = null) =>
        new(false, statusCode, sizeBytes, error, message);

    /// <summary>Ok for 2xx, otherwise a failure of kind "HTTP nnn".</summary>
    public static StepResult FromStatus(int statusCode, long sizeBytes = 0, string? message = null) =>
        statusCode is >= 200 and < 300 ? Ok(statusCode, sizeBytes) : Fail($"HTTP {statusCode}", statusCode, sizeBytes, message);
}
