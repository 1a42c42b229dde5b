using System.Globalization;

namespace ConformanceKit.LoadTesting.Targets;

/// <summary>
/// Busy CPU time of the whole machine, from the first line of /proc/stat (Linux; zero elsewhere).
/// The difference over a run minus what the runner, simulator and database used is what other
/// processes took from the two cores — the run's noise floor, reported so a disturbed run is seen.
/// </summary>
public static class MachineCpu
{
    private const int ClockTicksPerSecond = 100;

    public static TimeSpan Busy()
    {
        if (!OperatingSystem.IsLinux()) return TimeSpan.Zero;
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long Field(int i) => i < f.Length ? long.Parse(f[i], CultureInfo.InvariantCulture) : 0;
            var busy = Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
            return TimeSpan.FromSeconds(busy / (double)ClockTicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or FormatException or InvalidOperationException or UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }
    }
}
