using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;

namespace ConformanceKit.Einvoice.Samples;

/// <summary>Produces the bytes of each sample variant from one deterministic base package.</summary>
public static class SampleSetBuilder
{
    /// <summary>The base package: fixed message id, dates and contents, so regenerating changes only signatures.</summary>
    public static readonly SamplePackageOptions BaseOptions = new()
    {
        Invoices = 4,
        IssueDate = new DateOnly(2025, 6, 15),
        MessageGuid = new Guid("5e0f3c1a-7b2d-4c8e-9a61-0d4f2b7c9e13"),
        Seed = 2025,
    };

    public static readonly DateTime SigningTime = new(2025, 6, 15, 21, 30, 0, DateTimeKind.Unspecified);

    public static byte[] Build(SampleVariant variant, X509Certificate2 certificate)
    {
        var package = SamplePackageBuilder.Build(BaseOptions);
        if (variant.Shape is { } shape)
        {
            shape.Model?.Invoke(package);
            variant.MutateModel?.Invoke(package);
            var shaped = shape.Sign(package, certificate, SigningTime);
            return variant.MutateSigned is { } edit ? edit(shaped) : shaped;
        }
        variant.MutateModel?.Invoke(package);
        var bytes = MessageWriter.Write(package);
        if (variant.Sign) bytes = SamplePackageBuilder.Sign(bytes, certificate, SigningTime);
        return variant.MutateSigned is { } mutate ? mutate(bytes) : bytes;
    }
}
