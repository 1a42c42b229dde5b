using System.Diagnostics;
using System.Globalization;
using System.Text;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Conformance.Tests.Pos;

/// <summary>`ck pos soak` in a child process, killed with SIGKILL at random moments and restarted.</summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Crash")]
public sealed class CrashDurabilityTests
{
    private const int Unreachable = 100_000_000;

    [Fact]
    public async Task Killing_the_register_at_random_moments_leaves_serials_1_to_N_with_no_gap_or_duplicate()
    {
        var db = PosFixtures.TempDb();
        var random = new Random(20260301);
        var errors = new StringBuilder();
        var reported = new List<long>();
        for (var round = 0; round < 5; round++)
        {
            using var child = Start(db, Unreachable, errors);
            var first = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(first is not null, $"ck pos soak printed nothing: {errors}");
            await Task.Delay(random.Next(1, 150));
            child.Kill(entireProcessTree: true);                 // SIGKILL, wherever it is
            var rest = await child.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            var text = first + "\n" + rest;
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (!text.EndsWith('\n')) lines = lines[..^1];     // a line cut short by the kill
            reported.AddRange(lines.Select(s => long.Parse(s, CultureInfo.InvariantCulture)));
        }
        long killedAt;
        using (var allocator = new CodeAllocator(db)) killedAt = allocator.Count();

        // A restarted register goes on from where the file stands.
        using (var last = Start(db, (int)killedAt + 50, errors))
        {
            _ = last.StandardOutput.ReadToEndAsync();
            await last.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(last.ExitCode == 0, $"exit {last.ExitCode}: {errors}");
        }

        using var check = new CodeAllocator(db);
        var recorded = check.List();
        var n = killedAt + 50;
        Assert.Equal(LongRange(n), recorded.Select(r => r.Serial));
        Assert.Equal(n, recorded.Select(r => r.Code.Value).Distinct().Count());
        // Every serial a child printed was committed before it was printed, so it survived the kill;
        // reported serials are increasing across rounds: a restarted register never reuses one.
        Assert.Equal(reported.Order(), reported);
        Assert.All(reported, s => Assert.InRange(s, 1, killedAt));
        Assert.True(reported.Count > 0);
    }

    private static IEnumerable<long> LongRange(long n)
    {
        for (long i = 1; i <= n; i++) yield return i;
    }

    private static Process Start(string db, int count, StringBuilder errors)
    {
        var process = Ck.Start("pos", "soak", "--db", db, "--count", count.ToString(CultureInfo.InvariantCulture),
            "--mst", PosFixtures.Mst, "--block", PosFixtures.Block);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors) errors.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        return process;
    }
}
