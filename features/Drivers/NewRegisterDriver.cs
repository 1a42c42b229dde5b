using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;

namespace ConformanceKit.Features.Drivers;

/// <summary>What the authority answered a registration: the 102's THop, the 103's TTXNCQT, and the code blocks the shop did not have.</summary>
public sealed record RegistrationOutcome(int? Received, int? Accepted, IReadOnlyList<string> NewBlocks);

/// <summary>
/// The shop's T-VAN registering the demo seller's new cash register (message 100, form 01/ĐKTĐ-HĐĐT, signed with the
/// seller's MST) and reading the authority's answers (102, 103) over the T-VAN API.
/// </summary>
public sealed class NewRegisterDriver(SimulatorDriver authority)
{
    private string? _registration;

    public async Task RegisterAsync()
    {
        var form = RegistrationDriver.SignedForCashRegisters(DemoData.TaxCode);
        _registration = MessageReader.Read(form).Header.MessageId!;
        await authority.SendAsync(form);
    }

    /// <summary>Waits for the 102 and the 103; the new blocks are the valid ones other than the shop's own.</summary>
    public async Task<RegistrationOutcome> OutcomeAsync()
    {
        var id = _registration ?? throw new InvalidOperationException("no registration was sent");
        var receipt = await authority.ResponseAsync<RegistrationReceipt>(id);
        var decision = await authority.ResponseAsync<RegistrationDecision>(id);
        return new RegistrationOutcome(receipt.Case, decision.Accepted,
            [.. (decision.CodeBlocks ?? []).Where(b => b != DemoData.CodeBlock && CodeBlock.IsValid(b))]);
    }
}
