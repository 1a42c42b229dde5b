using ConformanceKit.AuthorityContract;

namespace ConformanceKit.Features.Drivers;

/// <summary>
/// Fault rules of the control plane (POST /admin/v1/faults; docs/simulator.md, "Fault rules"), each aimed at one T-VAN
/// and firing once, so a scenario that registered its own T-VAN disturbs nothing else on a shared endpoint.
/// </summary>
public sealed class FaultDriver(SimulatorDriver simulator)
{
    /// <summary>The T-VAN's next message gets HTTP <paramref name="status"/> (500 or 503, the latter with Retry-After: 1) and is not taken.</summary>
    public Task AnswerNextMessageWithAsync(TvanAccount tvan, int status) => simulator.AddFaultAsync(new FaultRule
    {
        Action = status switch
        {
            500 => FaultAction.Status500,
            503 => FaultAction.Status503,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "the authority can simulate HTTP 500 and 503"),
        },
        Route = "/api/v1/messages", Tvan = tvan.Code, FirstN = 1,
    });

    /// <summary>The T-VAN's next package is checked (and stored when valid) but gets no 204.</summary>
    public Task DropNextNoticeAsync(TvanAccount tvan) =>
        simulator.AddFaultAsync(new FaultRule { Action = FaultAction.Drop204, MessageType = "206", Tvan = tvan.Code, FirstN = 1 });
}
