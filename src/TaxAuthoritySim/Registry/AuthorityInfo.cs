namespace ConformanceKit.TaxAuthoritySim.Registry;

/// <summary>The simulated tax authority's name and place, printed on its notices.</summary>
public sealed record AuthorityInfo(string Name, string Place)
{
    public static readonly AuthorityInfo Default = new("Cục Thuế (mô phỏng)", "Hà Nội");
}
