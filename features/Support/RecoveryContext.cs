using ConformanceKit.Features.Drivers;

namespace ConformanceKit.Features.Support;

/// <summary>A failure scenario's state: the T-VAN the shop's provider sends as, and what was seen while it failed.</summary>
public sealed class RecoveryContext
{
    /// <summary>The T-VAN of the scenario's own the provider sends as (its code and its right key).</summary>
    public TvanAccount? Tvan { get; set; }

    public TvanAccount ProviderTvan => Tvan ?? throw new InvalidOperationException(
        "the shop's provider sends as a T-VAN of the scenario's own: start with 'Given the shop's provider is a T-VAN with a contract in force'");

    /// <summary>A key the provider was given that the authority does not know yet (the T-VAN's new key).</summary>
    public string? PendingKey { get; set; }

    /// <summary>The MTDiep of the package that waited while the authority could not be reached.</summary>
    public string? WaitingPackage { get; set; }

    /// <summary>The provider's answer the register never saw (lost on the way).</summary>
    public ProviderAnswer? LostAnswer { get; set; }

    /// <summary>The POS id of the sale the provider refused.</summary>
    public string? RefusedSale { get; set; }
}
