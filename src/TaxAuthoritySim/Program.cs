using ConformanceKit.TaxAuthoritySim.Hosting;

// The simulated tax-authority portal. See README.md and docs/simulator.md.
var app = SimulatorApp.Build(args);
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
