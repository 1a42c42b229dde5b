using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Hosting;

/// <summary>Start-up as a user runs it (a real process): which registry is in force, which environment counts.</summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Process")]
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

    private static async Task<int> StoredMessages(SimulatorProcess sim)
    {
        using var client = sim.Client();
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        return health.GetProperty("messages").GetInt32();
    }

    [Fact]
    public async Task A_plain_start_after_a_custom_seed_says_so_and_reseed_starts_from_the_demo_seed_again()
    {
        await using (var demo = await SimulatorProcess.StartAsync(Data))
            Assert.Equal(HttpStatusCode.OK, await Intake(demo, DemoData.TvanApiKey, DemoData.TvanCode));

        var custom = WriteSeed("custom.json", new
        {
            adminKey = CustomAdminKey,
            tvans = new[] { new { code = CustomTvan, name = "Custom", apiKey = CustomTvanKey } },
            taxpayers = new[] { new { mst = "0309478306", name = "Custom taxpayer" } },
        });
        await using (await SimulatorProcess.StartAsync(Data, "--seed", custom)) { }

        // The stored registry is the custom one: the log line says so, at warning level, and names the way back.
        await using (var plain = await SimulatorProcess.StartAsync(Data))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await Intake(plain, DemoData.TvanApiKey, DemoData.TvanCode));
            var line = plain.Output.Split('\n').Single(l => l.Contains("Registry in force:"));
            Assert.Contains("warn:", line);
            Assert.Contains("which is NOT the demo seed", line);
            Assert.Contains("other T-VANs or keys", line);
            Assert.Contains("add --reseed", line);
        }

        // --reseed: the demo registry whole (3 taxpayers, the custom one gone; demo keys), the stored message kept.
        await using (var reseeded = await SimulatorProcess.StartAsync(Data, "--reseed"))
        {
            Assert.Contains("Registry in force: seeded again from the demo seed", reseeded.Output);
            Assert.Contains("1 T-VANs, 3 taxpayers", reseeded.Output);
            Assert.Equal(HttpStatusCode.OK, await AdminStatus(reseeded, DemoData.AdminKey));
            Assert.Equal(HttpStatusCode.Unauthorized, await AdminStatus(reseeded, CustomAdminKey));
            Assert.Equal(1, await StoredMessages(reseeded));
            Assert.Equal(HttpStatusCode.OK, await Intake(reseeded, DemoData.TvanApiKey, DemoData.TvanCode));
        }

        // Back to the demo seed: a plain start says the stored registry is the seed's, without a warning.
        await using var again = await SimulatorProcess.StartAsync(Data);
        Assert.Contains("Registry in force: the store's, as last left, the same as the demo seed", again.Output);
        Assert.DoesNotContain("warn:", again.Output);
        Assert.Equal(2, await StoredMessages(again));
    }

    [Fact]
    public async Task A_relative_seed_path_is_read_from_the_folder_dotnet_run_was_started_in()
    {
        // `dotnet run --project src/TaxAuthoritySim -- --seed my-seed.json` from the user's own folder.
        var caller = Path.Combine(_folder, "caller");
        Directory.CreateDirectory(caller);
        File.WriteAllText(Path.Combine(caller, "my-seed.json"), JsonSerializer.Serialize(new { adminKey = CustomAdminKey }));

        await using var sim = await SimulatorProcess.StartInAsync(caller, viaDotnetRun: true, "--seed", "my-seed.json");

        Assert.Contains("Registry in force: seeded from my-seed.json", sim.Output);
        Assert.Equal(HttpStatusCode.OK, await AdminStatus(sim, CustomAdminKey));
        // The default ./data is the caller's too, not src/TaxAuthoritySim/data.
        Assert.True(File.Exists(Path.Combine(caller, "data", "simulator.db")), sim.Output);
    }

    public static TheoryData<string, string[], string> StartupMistakes() => new()
    {
        { "missing relative seed", ["--seed", "missing.json"], "seed file not found: missing.json (looked for {wd}/missing.json)" },
        { "unknown store", ["--store", "weird:thing"], "--store: unrecognised store \"weird:thing\"" },
        { "database not answering", ["--store", "postgres://nobody@127.0.0.1:1/sim"], "Failed to connect to 127.0.0.1:1" },
        { "bad listen address", ["--urls", "not-a-url"], "Invalid url: 'not-a-url'" },
        { "data folder under a file", ["--data", "a-file/data"], "a-file" },
        { "flag with a value", ["--reseed=maybe"], "--reseed takes no value" },
    };

    [Theory]
    [MemberData(nameof(StartupMistakes))]
    public async Task A_start_up_mistake_prints_one_error_line_and_exits_2(string mistake, string[] options, string expected)
    {
        var wd = Path.Combine(_folder, "wd");
        Directory.CreateDirectory(wd);
        File.WriteAllText(Path.Combine(wd, "a-file"), "not a folder");
        // --urls last: a later --urls wins over the free port the helper adds first.
        var (exitCode, output) = await SimulatorProcess.RunToExitAsync(wd, options);

        Assert.True(exitCode == 2, $"{mistake}: exit code {exitCode}\n{output}");
        var errors = output.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, $"{mistake}: not one error line\n{output}");
        Assert.Contains(expected.Replace("{wd}", wd), errors[0]);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("fail:", output);
        Assert.DoesNotContain("Unhandled exception", output);
    }
}
