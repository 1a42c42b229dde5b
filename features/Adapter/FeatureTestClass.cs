using System.Security.Cryptography;
using System.Text;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ConformanceKit.Features.Adapter;

/// <summary>
/// The test class of one feature file. xunit 2 takes a test case's collection from
/// <c>TestMethod.TestClass.TestCollection</c>, so each file gets its own collection (display name "Feature: title", an
/// id derived from the path — stable across discovery and execution) and features run in parallel with each other,
/// the scenarios of one feature in order. The class is the entry class (<see cref="AllFeatures"/>) under a name of the
/// file's own, <c>ConformanceKit.Features.Features.XxxFeature</c> for <c>Features/Xxx.feature</c>, which is the test
/// cases' <c>FullyQualifiedName</c> and what test explorers group by. Serialized as the entry class, the path and the
/// collection, so it survives the runner's trip between discovery and execution.
/// </summary>
public sealed class FeatureTestClass : LongLivedMarshalByRefObject, ITestClass, IXunitSerializable
{
    private string _path = "";

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public FeatureTestClass() { }

    private FeatureTestClass(IReflectionTypeInfo entry, string path, ITestCollection collection)
    {
        _path = path;
        Class = new FeatureTypeInfo(entry, ClassName(path));
        TestCollection = collection;
    }

    /// <summary>The test class for the feature at <paramref name="path"/>, in a collection of its own.</summary>
    public static FeatureTestClass For(ITestClass entry, string path, string title)
    {
        var collection = new TestCollection(entry.TestCollection.TestAssembly, null, $"Feature: {title}") { UniqueID = CollectionId(path) };
        return new FeatureTestClass(Unwrap(entry.Class), path, collection);
    }

    public ITypeInfo Class { get; private set; } = null!;
    public ITestCollection TestCollection { get; private set; } = null!;

    /// <summary>The feature file, relative to the test output directory.</summary>
    public string FeaturePath => _path;

    /// <summary>"Features/Pipeline/Sales.feature" → "ConformanceKit.Features.Features.Pipeline.SalesFeature".</summary>
    public static string ClassName(string path)
    {
        var parts = Path.ChangeExtension(path, null).Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Identifier).ToList();
        parts[^1] += "Feature";
        return "ConformanceKit.Features." + string.Join('.', parts);
    }

    /// <summary>A stable id per path: the same in discovery and in execution, different for every file.</summary>
    public static Guid CollectionId(string path) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("ConformanceKit.Features feature " + path))[..16]);

    private static string Identifier(string part)
    {
        var text = new StringBuilder();
        foreach (var c in part) text.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        if (text.Length == 0 || char.IsDigit(text[0])) text.Insert(0, '_');
        return text.ToString();
    }

    private static IReflectionTypeInfo Unwrap(ITypeInfo type) => type switch
    {
        FeatureTypeInfo feature => feature.Entry,
        IReflectionTypeInfo reflection => reflection,
        _ => throw new ArgumentException($"{type.Name} is not a reflected type", nameof(type)),
    };

    public void Serialize(IXunitSerializationInfo info)
    {
        var entry = Unwrap(Class).Type;
        info.AddValue("FeaturePath", _path);
        info.AddValue("TestCollection", TestCollection);
        info.AddValue("EntryAssemblyName", entry.Assembly.FullName);
        info.AddValue("EntryTypeName", entry.FullName);
    }

    public void Deserialize(IXunitSerializationInfo info)
    {
        _path = info.GetValue<string>("FeaturePath");
        TestCollection = info.GetValue<ITestCollection>("TestCollection");
        var type = SerializationHelper.GetType(info.GetValue<string>("EntryAssemblyName"), info.GetValue<string>("EntryTypeName"))
            ?? throw new InvalidOperationException("the features' entry class is gone");
        Class = new FeatureTypeInfo(Reflector.Wrap(type), ClassName(_path));
    }
}

/// <summary>The entry class under the feature's own name; everything else (methods, attributes, the type) is the entry class's.</summary>
public sealed class FeatureTypeInfo(IReflectionTypeInfo entry, string name) : LongLivedMarshalByRefObject, IReflectionTypeInfo
{
    public IReflectionTypeInfo Entry { get; } = entry;
    public string Name { get; } = name;
    public Type Type => Entry.Type;
    public IAssemblyInfo Assembly => Entry.Assembly;
    public ITypeInfo BaseType => Entry.BaseType;
    public IEnumerable<ITypeInfo> Interfaces => Entry.Interfaces;
    public bool IsAbstract => Entry.IsAbstract;
    public bool IsGenericParameter => Entry.IsGenericParameter;
    public bool IsGenericType => Entry.IsGenericType;
    public bool IsSealed => Entry.IsSealed;
    public bool IsValueType => Entry.IsValueType;
    public IEnumerable<IAttributeInfo> GetCustomAttributes(string assemblyQualifiedAttributeTypeName) => Entry.GetCustomAttributes(assemblyQualifiedAttributeTypeName);
    public IEnumerable<ITypeInfo> GetGenericArguments() => Entry.GetGenericArguments();
    public IMethodInfo GetMethod(string methodName, bool includePrivateMethod) => Entry.GetMethod(methodName, includePrivateMethod);
    public IEnumerable<IMethodInfo> GetMethods(bool includePrivateMethods) => Entry.GetMethods(includePrivateMethods);
    public override string ToString() => Name;
}
