using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.AuthorityContract;

/// <summary>How the contract's JSON is written and read: System.Text.Json web defaults (camelCase, case-insensitive).</summary>
public static class AuthorityJson
{
    /// <summary>What the typed clients send and read: web defaults, nulls left out, comments and trailing commas read.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>The headers of the contract.</summary>
public static class AuthorityHeaders
{
    /// <summary>A T-VAN's API key: the messages, the responses, the inbox (and its own invoices in the look-up).</summary>
    public const string ApiKey = "X-Api-Key";

    /// <summary>The operator's key: the control plane (/admin/v1/*).</summary>
    public const string AdminKey = "X-Admin-Key";

    /// <summary>GET /api/v1/inbox: the cursor to pass as <c>after=</c> next time (also <c>next="…"</c> on the DSTDiep).</summary>
    public const string NextCursor = "X-Next-Cursor";
}
