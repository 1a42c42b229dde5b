using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Harness.Observe;

/// <summary>A message refused at reception (999 TTTNhan 1) inside the window, with its reasons.</summary>
public sealed record ObservedRefusal(JournalView Received, string? MessageId, IReadOnlyList<Reason> Reasons)
{
    public DateTimeOffset At => Received.AtValue;
}

/// <summary>A same-bytes resend: the simulator replayed the first 999 and processed the message once.</summary>
public sealed record ObservedReplay(JournalView Received, string MessageId)
{
    public DateTimeOffset At => Received.AtValue;
}
