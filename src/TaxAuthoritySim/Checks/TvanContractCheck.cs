using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Clock;

namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>Check 5: the T-VAN that sent the package has a contract with the authority (5001), in force on the day (5002).</summary>
public sealed class TvanContractCheck : IStep1Check
{
    private const string Path = "/TDiep/TTChung/MNGui";

    public IReadOnlyList<string> Codes { get; } = [ErrorCodes.TvanNoContract, ErrorCodes.TvanContractNotInForce];

    public IEnumerable<CheckFailure> Run(PackageUnderCheck p)
    {
        var today = VietnamTime.Date(p.ReceivedAt);
        // A taxpayer connected directly (K + MST) sends through no T-VAN: there is no contract to check.
        if (p.Tvan?.Code is ['K', ..]) yield break;
        if (p.Tvan?.Contract is not { } contract)
            yield return new CheckFailure(ErrorCodes.TvanNoContract, $"T-VAN {p.Tvan?.Code} has no contract with the tax authority", Path: Path);
        else if (!contract.InForceOn(today))
            yield return new CheckFailure(ErrorCodes.TvanContractNotInForce,
                $"T-VAN {p.Tvan.Code}'s contract is {contract.Status}, {contract.From:yyyy-MM-dd} to {contract.To:yyyy-MM-dd}; today is {today:yyyy-MM-dd}",
                Path: Path);
    }
}
