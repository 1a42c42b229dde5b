using System.Text.Json;
using System.Text.Json.Serialization;
using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Provider.Pos;

/// <summary>Writes a <see cref="VatRate"/> as its wire text ("10%", "KCT").</summary>
public sealed class VatRateJsonConverter : JsonConverter<VatRate>
{
    public override VatRate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        VatRate.TryParse(reader.GetString(), out var rate, out var error) ? rate : throw new JsonException(error);

    public override void Write(Utf8JsonWriter writer, VatRate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
