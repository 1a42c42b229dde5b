using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Delivery;

/// <summary>
/// Moves responses out: releases delayed ones into the feed when due, pushes callbacks (retried
/// with back-off until a 2xx: at least once), and e-mails each 204 to the taxpayer. All state is
/// in the store, so a restart resumes where it stopped.
/// </summary>
public sealed class DeliveryService(
    ISimulatorStore store,
    SenderClock clock,
    CallbackSender callbacks,
    NoticeMailer mailer,
    ILogger<DeliveryService> log) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var now = clock.Shared.GetUtcNow();
                await store.ReleaseDueResponsesAsync(now, ct);
                // A certification session's sender is ahead by its own offset: its delayed responses are due on its time.
                foreach (var (sender, offset) in clock.Offsets)
                    await store.ReleaseDueResponsesAsync(now + offset, sender, ct);
                await callbacks.SendDueAsync(now, ct);
                await mailer.SendPendingAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Delivery round failed; retrying");
            }
            try { await Task.Delay(Tick, ct); }
            catch (OperationCanceledException) { return; }
        }
    }
}
