using System.Net;
using System.Text.Json;

namespace ConformanceKit.AuthorityContract;

/// <summary>An RFC 7807 problem as the simulator answers it (<c>application/problem+json</c>).</summary>
/// <param name="Errors">The simulator's <c>errors</c> extension on a 400: one line per problem, each starting with its field.</param>
public sealed record AuthorityProblem(string? Type, string? Title, int? Status, string? Detail, IReadOnlyList<string> Errors)
{
    /// <summary>The problem in <paramref name="body"/>, or null when it is not a JSON object.</summary>
    public static AuthorityProblem? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var errors = new List<string>();
            if (root.TryGetProperty("errors", out var e))
            {
                // The control plane's list of lines; a framework validation problem's { field: [messages] } map.
                if (e.ValueKind == JsonValueKind.Array)
                    errors.AddRange(e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText()));
                else if (e.ValueKind == JsonValueKind.Object)
                    foreach (var field in e.EnumerateObject())
                        errors.AddRange(field.Value.ValueKind == JsonValueKind.Array
                            ? field.Value.EnumerateArray().Select(x => $"{field.Name}: {x}")
                            : [$"{field.Name}: {field.Value}"]);
            }
            return new AuthorityProblem(Text(root, "type"), Text(root, "title"),
                root.TryGetProperty("status", out var s) && s.TryGetInt32(out var n) ? n : null, Text(root, "detail"), errors);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>
/// The simulator answered a request with a status the contract calls a failure: carries the status, the problem (when
/// the body was one), the body itself and Retry-After (429, 503). An <see cref="HttpRequestException"/>, so callers that
/// catch those keep working.
/// </summary>
public sealed class AuthorityApiException(
    string method, string path, HttpStatusCode status, AuthorityProblem? problem, string body, TimeSpan? retryAfter, byte[]? rawBody = null)
    : HttpRequestException(Describe(method, path, status, problem, body), null, status)
{
    /// <summary>The body's exact bytes (a harness logs what the target answered, whatever it was).</summary>
    public byte[] RawBody { get; } = rawBody ?? System.Text.Encoding.UTF8.GetBytes(body);

    public string Method { get; } = method;
    public string Path { get; } = path;
    public HttpStatusCode Status { get; } = status;
    public AuthorityProblem? Problem { get; } = problem;
    public string Body { get; } = body;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    private static string Describe(string method, string path, HttpStatusCode status, AuthorityProblem? problem, string body)
    {
        var what = problem is null ? Excerpt(body) : string.Join(": ", new[] { problem.Title, problem.Detail }.Where(t => !string.IsNullOrEmpty(t)));
        return $"{method} /{path.TrimStart('/')} answered {(int)status} {status}" + (what.Length > 0 ? ": " + what : "");
    }

    private static string Excerpt(string body) => body.Length <= 500 ? body : body[..500] + "…";
}
