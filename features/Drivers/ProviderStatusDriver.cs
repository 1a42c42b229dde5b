using System.Text.Json;

namespace ConformanceKit.Features.Drivers;

/// <summary>
/// What the shop's operator reads at the provider while something fails and after: its status (the last problem still
/// standing, the one resolved, the counts) and its outbox, waited on as conditions (over <see cref="ProviderDriver"/>).
/// </summary>
public sealed class ProviderStatusDriver(ProviderDriver provider)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Waits until the status's standing problem says <paramref name="words"/>.</summary>
    public async Task<string> WaitForProblemAsync(string words)
    {
        var status = await Eventually.ValueAsync(provider.StatusAsync, s => Text(s, "lastProblem").Contains(words, StringComparison.Ordinal), Timeout);
        var problem = Text(status, "lastProblem");
        return problem.Contains(words, StringComparison.Ordinal) ? problem
            : throw new TimeoutException($"the provider's status never said \"{words}\"; it says: {status}");
    }

    /// <summary>Waits until no problem stands; the status then.</summary>
    public async Task<JsonElement> WaitForNoProblemAsync()
    {
        var status = await Eventually.ValueAsync(provider.StatusAsync, s => Text(s, "lastProblem").Length == 0, Timeout);
        return Text(status, "lastProblem").Length == 0 ? status : throw new TimeoutException($"a problem still stands: {status}");
    }

    /// <summary>The problem a later success cleared, as the status names it ("" when none).</summary>
    public async Task<string> ResolvedProblemAsync() =>
        (await provider.StatusAsync()).TryGetProperty("resolvedProblem", out var r) && r.ValueKind == JsonValueKind.Object ? Text(r, "problem") : "";

    /// <summary>Invoices per state, as the status counts them.</summary>
    public async Task<IReadOnlyDictionary<string, int>> InvoiceCountsAsync() =>
        (await provider.StatusAsync()).GetProperty("invoices").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    /// <summary>Waits until one of the outbox's packages satisfies <paramref name="condition"/>; that package.</summary>
    public async Task<JsonElement> WaitForPackageAsync(Func<JsonElement, bool> condition, string what)
    {
        var packages = await Eventually.ValueAsync(() => provider.PackagesAsync(), p => p.Any(condition), Timeout);
        return packages.FirstOrDefault(condition) is { ValueKind: JsonValueKind.Object } found ? found
            : throw new TimeoutException($"no package {what}; the outbox: [{string.Join(", ", packages)}]");
    }

    public static string Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    public static int Number(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;

    public static bool Flag(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.True;
}
