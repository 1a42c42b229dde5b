using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Endpoints;

/// <summary>Who is calling: a T-VAN by X-Api-Key, the operator by X-Admin-Key. The two never overlap.</summary>
public static class ApiKeys
{
    public const string TvanHeader = "X-Api-Key";
    public const string AdminHeader = "X-Admin-Key";

    public static Tvan? Tvan(HttpContext http, ReferenceData registry) =>
        registry.TvanByKey(http.Request.Headers[TvanHeader].FirstOrDefault());

    public static bool IsAdmin(HttpContext http, ReferenceData registry) =>
        registry.IsAdminKey(http.Request.Headers[AdminHeader].FirstOrDefault());

    public static IResult Unauthorized(string header, string what) => Results.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Unauthorized",
        detail: $"{header} is missing or not {what}. / Thiếu hoặc sai khóa {header}.");
}
