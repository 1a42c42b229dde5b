namespace ConformanceKit.Load.SimLoad;

/// <summary>Outcome of one step invocation (as NBomber's <c>Response.Ok</c> / <c>Response.Fail</c>).</summary>
/// <param name="IsOk">The target did what was asked.</param>
/// <param name="StatusCode">HTTP status, 0 when no response came (transport error, timeout).</param>
/// <param name="FailKind">Short failure class for the report ("4xx", "5xx", "refused", "timeout", "transport").</param>
public readonly record struct StepResponse(bool IsOk, int StatusCode, string? FailKind)
{
    public static StepResponse Ok(int statusCode = 200) => new(true, statusCode, null);

    public static StepResponse Fail(int statusCode, string kind) => new(false, statusCode, kind);
}
