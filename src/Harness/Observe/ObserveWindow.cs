namespace ConformanceKit.Harness.Observe;

/// <summary>What to observe: whose traffic, on which simulator, between which simulated instants (both inclusive).</summary>
public sealed record ObserveWindow(Uri Simulator, string TaxCode, DateTimeOffset From, DateTimeOffset To)
{
    public bool Contains(DateTimeOffset at) => at >= From && at <= To;
}
