using ConformanceKit.Features.Drivers;

namespace ConformanceKit.Features.Support;

/// <summary>The scenario's shop: the sales rung up and what the provider last said.</summary>
public sealed class ShopContext
{
    public List<RungSale> Sales { get; } = [];

    public RungSale LastSale => Sales.Count > 0 ? Sales[^1] : throw new InvalidOperationException("no sale was rung up");

    /// <summary>The provider's last answer to a sale (201, 200, 400 …).</summary>
    public ProviderAnswer? LastAnswer { get; set; }

    /// <summary>The name of the last sale file dropped in the folder.</summary>
    public string? LastFile { get; set; }

    /// <summary>The error report (.errors.csv) of the last sale file, when it was rejected.</summary>
    public string? LastFileErrors { get; set; }
}
