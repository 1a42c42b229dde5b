using ConformanceKit.LoadTesting.Targets;
using ConformanceKit.LoadTesting.Workloads;

namespace ConformanceKit.LoadTesting.Tests;

/// <summary>The targets SimLoad and PipelineLoad had of their own, now `ck load` options: a simulator started here, the provider's store.</summary>
public sealed class TargetSpecTests
{
    [Theory]
    [InlineData("simulator", "sqlite")]
    [InlineData("simulator=sqlite", "sqlite")]
    [InlineData("simulator=POSTGRES", "postgres")]
    [InlineData("simulator=postgres:Host=127.0.0.1;Port=5432;Username=postgres;Database=sim", "Host=127.0.0.1;Port=5432;Username=postgres;Database=sim")]
    [InlineData("simulator=postgres://postgres@127.0.0.1:5432/sim", "postgres://postgres@127.0.0.1:5432/sim")]
    public void Simulator_targets_start_an_authority_on_the_store_given(string text, string store)
    {
        Assert.True(TargetSpec.TryParse(text, out var spec, out var error), error);
        Assert.Equal(TargetKind.Authority, spec!.Kind);
        Assert.Null(spec.Address);
        Assert.Equal(store, spec.StartSimulator);
    }

    [Theory]
    [InlineData("simulator=mysql")]
    [InlineData("simulator=postgres:")]
    public void Other_simulator_stores_are_refused(string text) => Assert.False(TargetSpec.TryParse(text, out _, out _));

    [Theory]
    [InlineData("crash-safe", ProviderStore.CrashSafe)]
    [InlineData("memory", ProviderStore.Memory)]
    [InlineData("in-memory", ProviderStore.Memory)]
    [InlineData("tmpfs", ProviderStore.Tmpfs)]
    public void Provider_stores_parse(string text, ProviderStore expected)
    {
        Assert.True(ProviderStores.TryParse(text, out var store));
        Assert.Equal(expected, store);
        Assert.Equal(text == "in-memory" ? "memory" : text, store.Name());
    }

    [Fact]
    public void The_machine_state_gives_cpu_shares_over_the_interval_and_the_load_average()
    {
        var start = CpuSample.Take();
        var spin = System.Diagnostics.Stopwatch.StartNew();
        while (spin.ElapsedMilliseconds < 200) { }
        var metrics = CpuSample.Metrics(start, CpuSample.Take()).ToDictionary();
        Assert.InRange(metrics["cpu-self-%"], 20, 100 * Environment.ProcessorCount + 50);
        Assert.Equal(Environment.ProcessorCount, metrics["cores"]);
        Assert.True(metrics.ContainsKey("load-average-end"));
    }
}
