namespace ConformanceKit.TaxAuthoritySim.Intake;

/// <summary>The HTTP answer to a posted message: a status code and the 999 body.</summary>
/// <param name="Replayed">True when an identical resend got the first 999 back.</param>
public sealed record IntakeResult(int HttpStatus, byte[] Ack, bool Accepted, bool Replayed = false);
