using System.Reflection;

namespace ConformanceKit.Features.Bridge;

/// <summary>
/// A tiny scenario-scoped container: one instance per type per scenario, built through its widest public
/// constructor with the other instances injected (context injection, as in Reqnroll). Disposed after the scenario.
/// </summary>
public sealed class ScenarioContainer : IAsyncDisposable
{
    private readonly Dictionary<Type, object> _instances = [];
    private readonly List<object> _created = [];
    private readonly HashSet<Type> _resolving = [];

    public void Register<T>(T instance) where T : class => _instances[typeof(T)] = instance;

    public T Resolve<T>() => (T)Resolve(typeof(T));

    public object Resolve(Type type)
    {
        if (_instances.TryGetValue(type, out var existing)) return existing;
        if (!_resolving.Add(type)) throw new InvalidOperationException($"Circular constructor dependency on {type.Name}");
        try
        {
            var ctor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).OrderByDescending(c => c.GetParameters().Length)
                .FirstOrDefault() ?? throw new InvalidOperationException($"{type.Name} has no public constructor to inject");
            var instance = ctor.Invoke([.. ctor.GetParameters().Select(p => Resolve(p.ParameterType))]);
            _instances[type] = instance;
            _created.Add(instance);
            return instance;
        }
        finally { _resolving.Remove(type); }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _created.Count - 1; i >= 0; i--)
        {
            if (_created[i] is IAsyncDisposable a) await a.DisposeAsync();
            else if (_created[i] is IDisposable d) d.Dispose();
        }
        _created.Clear();
        _instances.Clear();
    }
}
