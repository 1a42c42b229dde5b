using System.Reflection;
using Reqnroll;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("ConformanceKit.Features.Adapter.ReqnrollTestFramework", "ConformanceKit.Features")]
[assembly: Reqnroll.Plugins.RuntimePlugin(typeof(ConformanceKit.Features.Adapter.XunitRuntimePlugin))]

namespace ConformanceKit.Features.Adapter;

/// <summary>
/// xunit's framework with Reqnroll's test run around the assembly: <c>OnTestRunStartAsync</c> before the first test,
/// <c>OnTestRunEndAsync</c> (feature ends, AfterTestRun hooks, formatters written) after the last.
/// </summary>
public sealed class ReqnrollTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <summary>Telemetry off and the report paths set, before Reqnroll reads its configuration.</summary>
    public static void EnsureEnvironment()
    {
        Environment.SetEnvironmentVariable("REQNROLL_TELEMETRY_ENABLED", "0");
        Environment.SetEnvironmentVariable("REQNROLL_FORMATTERS", ReportPaths.FormattersJson);
    }

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName name, ISourceInformationProvider source, IMessageSink sink)
        : XunitTestFrameworkExecutor(name, source, sink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(ITestAssembly assembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnostics, IMessageSink execution, ITestFrameworkExecutionOptions options)
        : XunitTestAssemblyRunner(assembly, testCases, diagnostics, execution, options)
    {
        private bool _started;

        protected override async Task AfterTestAssemblyStartingAsync()
        {
            await base.AfterTestAssemblyStartingAsync();
            EnsureEnvironment();
            await TestRunnerManager.OnTestRunStartAsync(typeof(ReqnrollTestFramework).Assembly);
            _started = true;
        }

        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            if (_started) await TestRunnerManager.OnTestRunEndAsync(typeof(ReqnrollTestFramework).Assembly);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
