using System.Globalization;
using System.Net;
using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.Drivers;

/// <summary>
/// The shop's provider as a program of its own (`ck provider`, a child process) that the scenario kills with SIGKILL in
/// the middle of the day's sales and starts again on the same store; the register keeps selling through it.
/// </summary>
public sealed class CrashDriver(ReferenceProvider reference, ProviderDriver provider, SimulatorDriver authority, CashierDriver cashier)
{
    private ProviderProgram Program => reference.SeparateProgram ?? throw new InvalidOperationException(
        "the provider does not run as a program of its own: start with 'Given the provider runs as a program of its own …'");

    /// <summary>Starts `ck provider` sending as <paramref name="tvan"/>, a package every <paramref name="batch"/> invoices (or after 1 s).</summary>
    public async Task StartProgramAsync(TvanAccount tvan, int batch)
    {
        reference.SeparateProgram = new ProviderProgram(
        [
            "--target", authority.Address.ToString(), "--tvan", tvan.Code, "--api-key", tvan.ApiKey, "--sync", "periodic",
            "--batch-size", batch.ToString(CultureInfo.InvariantCulture), "--interval", "1", "--retry-max", "1",
        ]);
        await Program.StartAsync();
    }

    /// <summary>
    /// Rings up <paramref name="count"/> sales. After the <paramref name="killAfter"/>-th, once the provider has formed its
    /// first package (the others wait for the next one), the next sale is sent and the provider is killed at once — that
    /// sale's answer may be lost — and started again; the register sends that sale again with the same sale id (what a POS
    /// does when an answer is lost), then rings up the rest.
    /// </summary>
    public async Task SellKillingAfterAsync(int count, int killAfter)
    {
        for (var i = 0; i < killAfter; i++) await cashier.SellAsync();
        await Eventually.UntilAsync(async () => (await provider.PackagesAsync()).Count > 0, "the provider formed its first package", TimeSpan.FromSeconds(20));
        var unanswered = "HD-" + Guid.NewGuid().ToString("N")[..12];
        var sending = provider.SellAsync(CashierDriver.Json(unanswered, [CashierDriver.Coffee]));
        await Program.KillAsync();
        var first = await AnswerOrNothingAsync(sending);
        await Program.StartAsync();
        var again = await cashier.SellAsync(posId: unanswered);
        if (first is { Status: HttpStatusCode.Created } answered && answered.Text("code") != again.Code)
            throw new InvalidOperationException($"sale {unanswered} sent again got {again.Code}; the first answer said {answered.Text("code")}");
        for (var i = killAfter + 1; i < count; i++) await cashier.SellAsync();
    }

    private static async Task<ProviderAnswer?> AnswerOrNothingAsync(Task<ProviderAnswer> sending)
    {
        try
        {
            return await sending;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null; // the answer was lost with the provider
        }
    }
}
