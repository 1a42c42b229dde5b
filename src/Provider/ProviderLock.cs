namespace ConformanceKit.Provider;

/// <summary>
/// One provider process per store: an exclusive lock on <c>FILE.provider-lock</c> (flock on Unix,
/// released by the kernel when the process dies, even by SIGKILL).
/// </summary>
public sealed class ProviderLock : IDisposable
{
    private readonly FileStream? _stream;

    private ProviderLock(FileStream? stream) => _stream = stream;

    /// <exception cref="InvalidOperationException">Another provider holds the store.</exception>
    public static ProviderLock Acquire(string databasePath)
    {
        if (Pos.PosDatabase.IsInMemory(databasePath)) return new ProviderLock(null);
        var path = databasePath + ".provider-lock";
        try
        {
            return new ProviderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new InvalidOperationException($"another provider is running on {databasePath} (lock {path})");
        }
    }

    public void Dispose() => _stream?.Dispose();
}
