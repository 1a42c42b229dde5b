using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Hosting;

/// <summary>Start-up as a user runs it (a real process): which registry is in force, which environment counts.</summary>
public sealed class StartupTests : IDisposable
{
    private const string CustomAdminKey = "custom-admin-key-1";
    private const string CustomTvanKey = "custom-tvan-key";
    private const string CustomTvan = "V0301521415";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ck-sim-tests", "startup-" + Guid.NewGuid().ToString("N"));

    public StartupTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private string Data => Path.Combine(_folder, "data");

    private string WriteSeed(string name, object seed)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, JsonSerializer.Serialize(seed));
        return path;
    }

    private static async Task<HttpStatusCode> AdminStatus(SimulatorProcess sim, string key)
    {
        using var admin = sim.Client("X-Admin-Key", key);
        return (await admin.GetAsync("/admin/v1/clock")).StatusCode;
    }

    private static async Task<HttpStatusCode> Intake(SimulatorProcess sim, string key, string sender)
    {
        using var tvan = sim.Client("X-Api-Key", key);
        return (await tvan.PostMessageAsync(Packages.Signed(Packages.Options() with { SenderCode = sender }))).Status;
    }

    [Fact]
    public async Task An_explicit_seed_replaces_the_stored_keys_and_the_log_says_which_registry_is_in_force()
    {
        await using (var demo = await SimulatorProcess.StartAsync(Data))
        {
            Assert.Equal(HttpStatusCode.OK, await AdminStatus(demo, DemoData.AdminKey));
            Assert.Contains("Registry in force: seeded from the demo seed", demo.Output);
        }

        var custom = WriteSeed("custom.json", new
        {
            adminKey = CustomAdminKey,
            tvans = new[] { new { code = CustomTvan, name = "Custom", apiKey = CustomTvanKey } },
            taxpayers = new[] { new { mst = "0309478306", name = "Custom taxpayer" } },
        });
        await using (var seeded = await SimulatorProcess.StartAsync(Data, "--seed", custom))
        {
            Assert.Contains($"Registry in force: the store's taxpayers with T-VANs, keys and admin key from {custom}", seeded.Output);
            Assert.Equal(HttpStatusCode.Unauthorized, await AdminStatus(seeded, DemoData.AdminKey));
            Assert.Equal(HttpStatusCode.OK, await AdminStatus(seeded, CustomAdminKey));
            Assert.Equal(HttpStatusCode.Unauthorized, await Intake(seeded, DemoData.TvanApiKey, DemoData.TvanCode));
            Assert.Equal(HttpStatusCode.OK, await Intake(seeded, CustomTvanKey, CustomTvan));
        }

        // Without --seed the stored registry (now the custom one) stays in force.
        await using var again = await SimulatorProcess.StartAsync(Data);
        Assert.Contains("Registry in force: the store's, as last left", again.Output);
        Assert.Equal(HttpStatusCode.OK, await AdminStatus(again, CustomAdminKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await AdminStatus(again, DemoData.AdminKey));
    }

    [Fact]
    public async Task A_seed_file_with_an_empty_admin_key_stops_start_up_with_one_clear_line()
    {
        var seed = WriteSeed("empty-key.json", new { adminKey = "" });
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => SimulatorProcess.StartAsync(Data, "--seed", seed));
        Assert.Contains($"error: {seed} has problems: adminKey: required", failed.Message);
        Assert.DoesNotContain("   at ", failed.Message);
    }

    [Fact]
    public async Task Only_CK_SIM_environment_variables_are_options()
    {
        var environment = new Dictionary<string, string?>
        {
            // Unrelated variables that happen to share an option's name: ignored.
            ["SEED"] = "7", ["STORE"] = "not-a-store", ["CLOCK"] = "yesterday", ["PROCESSING-DELAY"] = "junk", ["WORKERS"] = "x",
            ["CK_SIM_PROCESSING_DELAY"] = "5m",
            ["CK_SIM_CLOCK_RATE"] = "0",
        };
        await using var sim = await SimulatorProcess.StartAsync(Data, environment);
        using var admin = sim.Client("X-Admin-Key", DemoData.AdminKey);
        var clock = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/clock");
        Assert.Equal(300, clock.GetProperty("processingDelaySeconds").GetDouble());
        Assert.Equal(0, clock.GetProperty("rate").GetDouble());
    }
}
