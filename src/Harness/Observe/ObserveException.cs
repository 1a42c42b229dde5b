namespace ConformanceKit.Harness.Observe;

/// <summary>The observation could not be made (simulator unreachable, admin key refused, unexpected answer).</summary>
public sealed class ObserveException(string message, Exception? inner = null) : Exception(message, inner);
