using System.Buffers;

namespace ConformanceKit.TaxAuthoritySim.Intake;

/// <summary>
/// Reads a posted message incrementally: memory grows with the bytes that actually arrived, never
/// with what Content-Length claims, and the whole body must come within <see cref="Deadline"/>.
/// </summary>
public static class MessageBody
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>
    /// <see cref="HttpContext.Items"/> key of the posted bytes once read whole: middleware that looks at what was posted
    /// (the certification activity recorder) reads them after the endpoint instead of buffering the body ahead of it.
    /// </summary>
    public const string ItemKey = "ck.message-body";

    public enum Outcome { Read, TooLarge, TooSlow, Broken }

    /// <summary>The most memory taken ahead of the bytes received, on the strength of Content-Length.</summary>
    public const int InitialCapacity = 128 * 1024;

    public readonly record struct Result(Outcome Outcome, byte[]? Bytes);

    public static async Task<Result> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return new Result(Outcome.TooLarge, null);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Deadline);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            // At most 128 KB ahead of the bytes: a claimed 2 MB that never comes costs little, and a package of up to
            // 128 KB (a 100-invoice one) that states its length lands in one array, with no growing copies.
            using var ms = new MemoryStream((int)Math.Min(request.ContentLength ?? 0, InitialCapacity));
            int read;
            while ((read = await request.Body.ReadAsync(buffer, deadline.Token)) > 0)
            {
                if (ms.Length + read > limit) return new Result(Outcome.TooLarge, null);
                ms.Write(buffer, 0, read);
            }
            // The stream's own array when it is exactly full (the length was stated and came), else a copy.
            return new Result(Outcome.Read, ms.Length == ms.Capacity ? ms.GetBuffer() : ms.ToArray());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Result(Outcome.TooSlow, null);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits: under the minimum data rate (408) or over its body size (413).
            return new Result(ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? Outcome.TooLarge : Outcome.TooSlow, null);
        }
        catch (IOException)
        {
            return new Result(Outcome.Broken, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
