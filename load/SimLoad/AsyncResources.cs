namespace ConformanceKit.Load.SimLoad;

/// <summary>Things a target started (servers, processes, clusters), disposed in reverse order even when the run fails.</summary>
public sealed class AsyncResources : IAsyncDisposable
{
    private readonly Stack<IAsyncDisposable> items = new();

    public T Add<T>(T item) where T : IAsyncDisposable
    {
        items.Push(item);
        return item;
    }

    public async ValueTask DisposeAsync()
    {
        while (items.TryPop(out var item))
        {
            try
            {
                await item.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"  cleanup: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
