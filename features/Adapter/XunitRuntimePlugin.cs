using Reqnroll;
using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;

namespace ConformanceKit.Features.Adapter;

/// <summary>Registers the unit-test runtime provider Reqnroll needs (Reqnroll.xUnit would; it does not restore here).</summary>
public sealed class XunitRuntimePlugin : IRuntimePlugin
{
    public const string Name = "xunit";

    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters, UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        unitTestProviderConfiguration.UseUnitTestProvider(Name);
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
            e.ObjectContainer.RegisterTypeAs<XunitRuntimeProvider, IUnitTestRuntimeProvider>(Name);
    }
}

/// <summary>Pending, inconclusive and ignored outcomes raised at run time fail the test with a message saying which.</summary>
public sealed class XunitRuntimeProvider : IUnitTestRuntimeProvider
{
    public void TestPending(string message) => throw new ScenarioNotRunException("pending: " + message);
    public void TestInconclusive(string message) => throw new ScenarioNotRunException("inconclusive: " + message);
    public void TestIgnore(string message) => throw new ScenarioNotRunException("ignored: " + message);
    public ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) => null;
}

public sealed class ScenarioNotRunException(string message) : Exception(message);
