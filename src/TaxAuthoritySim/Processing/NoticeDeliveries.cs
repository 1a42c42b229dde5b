using ConformanceKit.TaxAuthoritySim.Faults;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Processing;

/// <summary>
/// How a processing notice (the 204 of a 206, the 301 of a 303) goes out, with the fault rules that fired for it:
/// dropped, delayed or sent twice (the drop204 / delay204 / duplicate204 actions apply to either).
/// </summary>
internal static class NoticeDeliveries
{
    public static (List<OutboundResponse> Responses, string Note) Plan(string type, string id, byte[] body, InboundMessage m,
        DateTimeOffset at, Tvan? tvan, string summary, IReadOnlyList<FaultRule> fired, bool email)
    {
        if (fired.Any(f => f.Action == FaultAction.Drop204)) return ([], $" (fault: {type} dropped)");
        var delay = TimeSpan.FromSeconds(fired.Where(f => f.Action == FaultAction.Delay204).Sum(f => f.DelaySeconds ?? 0));
        var copies = fired.Any(f => f.Action == FaultAction.Duplicate204) ? 2 : 1;
        var response = new OutboundResponse
        {
            ResponseId = id, ReplyTo = m.MessageId, Type = type, TvanCode = m.TvanCode, TaxCode = m.TaxCode,
            CreatedAt = at, VisibleAt = at + delay, Body = body, Summary = summary.Replace(type + " ", "", StringComparison.Ordinal),
            Callback = tvan?.CallbackUrl is null ? CallbackState.None : CallbackState.Pending,
            EmailPending = email,
        };
        var list = new List<OutboundResponse> { response };
        if (copies == 2) list.Add(response with { EmailPending = false });
        var note = (delay > TimeSpan.Zero ? $" (fault: {type} delayed {delay.TotalSeconds:0.#} s)" : "")
            + (copies == 2 ? $" (fault: {type} sent twice)" : "");
        return (list, note);
    }
}
