using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConformanceKit.Provider.Pos;

/// <summary>How a sale is stored next to its code: compact JSON, Vietnamese left readable.</summary>
public static class SaleJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(Sale sale) => JsonSerializer.Serialize(sale, Options);

    public static Sale Deserialize(string json) =>
        JsonSerializer.Deserialize<Sale>(json, Options) ?? throw new JsonException("sale JSON is null");
}
