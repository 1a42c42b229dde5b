using System.Globalization;

namespace ConformanceKit.LoadTesting.Targets;

/// <summary>
/// CPU used by a process and its children, from /proc (Linux): its own utime + stime, the
/// cutime + cstime of children it has reaped, and the utime + stime of children still alive. Used
/// for a PostgreSQL cluster, whose work happens in backend processes under the postmaster.
/// </summary>
public static class ProcessTreeCpu
{
    public static TimeSpan Read(int pid)
    {
        if (!OperatingSystem.IsLinux()) return TimeSpan.Zero;
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)) continue;
            var stat = Stat(candidate);
            if (stat is null) continue;
            var (ppid, utime, stime, cutime, cstime) = stat.Value;
            if (candidate == pid) ticks += utime + stime + cutime + cstime;
            else if (ppid == pid) ticks += utime + stime;
        }
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    /// <summary>USER_HZ: 100 on every Linux this runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    private static (int Ppid, long Utime, long Stime, long Cutime, long Cstime)? Stat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // Fields after "(comm)": state ppid ... utime(14) stime(15) cutime(16) cstime(17), 1-based in proc(5).
        var close = text.LastIndexOf(')');
        if (close < 0) return null;
        var f = text[(close + 2)..].Split(' ');
        if (f.Length < 15) return null;
        static long L(string s) => long.Parse(s, CultureInfo.InvariantCulture);
        return (int.Parse(f[1], CultureInfo.InvariantCulture), L(f[11]), L(f[12]), L(f[13]), L(f[14]));
    }
}
