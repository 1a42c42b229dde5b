using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Features.Drivers;

/// <summary>The rejection codes (MLoi) of a notice, sorted: the codes features name are the authority's (docs/error-codes.md).</summary>
public static class ErrorCodes
{
    public static IReadOnlyList<string> Of(DataCheckNotice notice) =>
        [.. (notice.Errors ?? []).Select(e => e.Code!).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>"expected …; the notice is LTBao 7 citing [4002, 6001]".</summary>
    public static string Describe(DataCheckNotice notice, string expected) =>
        $"expected {expected}; the notice is LTBao {notice.Kind} citing [{string.Join(", ", Of(notice))}]";
}
