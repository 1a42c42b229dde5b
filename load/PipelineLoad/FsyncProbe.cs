namespace ConformanceKit.Load.PipelineLoad;

/// <summary>
/// What one durable commit costs on the disk the crash-safe store sits on: N times, rewrite a 4 KB
/// page of a file and fsync it (FileStream.Flush(true)). A WAL commit at synchronous=FULL is one such
/// fsync of the -wal file, so this is the floor of one allocation.
/// </summary>
public static class FsyncProbe
{
    public static LatencySummary Run(string folder, int probes)
    {
        var path = Path.Combine(folder, "fsync-probe.bin");
        var page = new byte[4096];
        Random.Shared.NextBytes(page);
        var micros = new List<long>(probes);
        using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None))
        {
            for (var i = 0; i < probes; i++)
            {
                var start = MonoClock.Now;
                file.Position = (i % 16) * page.Length;
                file.Write(page);
                file.Flush(flushToDisk: true);
                micros.Add(MonoClock.MicrosBetween(start, MonoClock.Now));
            }
        }
        File.Delete(path);
        return LatencySummary.From(micros);
    }
}
