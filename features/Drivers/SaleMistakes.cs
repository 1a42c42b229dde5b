namespace ConformanceKit.Features.Drivers;

/// <summary>
/// Sales a register may send that no invoice can carry (docs/provider.md, "What a sale may hold"), by the name a feature
/// gives them: one iced-coffee sale with the mistake, as the JSON the POS posts.
/// </summary>
public static class SaleMistakes
{
    private static readonly IReadOnlyDictionary<string, Func<SaleItem, SaleItem>> Lines =
        new Dictionary<string, Func<SaleItem, SaleItem>>(StringComparer.OrdinalIgnoreCase)
        {
            ["a line without a name"] = i => i with { Name = "" },
            ["a quantity of zero"] = i => i with { Quantity = 0 },
            ["a price with seven decimals"] = i => i with { UnitPrice = 29000.1234567m },
            ["a unit of 51 characters"] = i => i with { Unit = new string('L', 51) },
        };

    /// <summary>The sale's JSON; an unknown mistake lists the known ones.</summary>
    public static object Sale(string mistake, string posId) =>
        Lines.TryGetValue(mistake, out var make)
            ? CashierDriver.Json(posId, [make(CashierDriver.Coffee)])
            : throw new ArgumentException($"Unknown sale mistake '{mistake}'. Known: {string.Join(", ", Lines.Keys.Select(k => $"'{k}'"))}");
}
