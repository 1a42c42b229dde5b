using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Registry;

// The simulated tax-authority portal. See README.md and docs/simulator.md.
if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    Console.WriteLine(SimulatorApp.Usage);
    return 0;
}

try
{
    var app = SimulatorApp.Build(args);
    app.Run();
    return 0;
}
catch (Exception ex) when (ex is SeedException or InvalidDataException or FileNotFoundException or ArgumentException
                               or FormatException)
{
    // A mistake in the options or the seed: say what in one line, without a stack trace.
    Console.Error.WriteLine("error: " + ex.Message);
    return 2;
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
