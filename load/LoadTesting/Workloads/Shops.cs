using System.Text.Json;

namespace ConformanceKit.LoadTesting.Workloads;

/// <summary>A kind of shop: what it sells (name, unit, price, VAT rate), how big its baskets are.</summary>
public sealed record ShopProfile(string Kind, (string Name, string Unit, decimal Price, string Rate)[] Goods, double MeanLines, int MaxQuantity)
{
    public static readonly ShopProfile[] All =
    [
        new("café", [("Cà phê sữa đá", "Ly", 29000, "8%"), ("Trà đào", "Ly", 45000, "8%"), ("Bánh mì", "Cái", 25000, "8%"), ("Nước suối", "Chai", 10000, "10%"),
            ("Bánh ngọt", "Cái", 35000, "8%")], 2.2, 3),
        new("mini-mart", [("Mì gói", "Gói", 4500, "10%"), ("Sữa tươi", "Hộp", 8000, "5%"), ("Gạo ST25", "Kg", 32000, "KCT"), ("Nước rửa chén", "Chai", 28000, "10%"),
            ("Rau muống", "Bó", 12000, "KCT"), ("Bia", "Lon", 15000, "10%"), ("Dầu ăn", "Chai", 52000, "8%"), ("Trứng gà", "Vỉ", 33000, "KCT")], 6.5, 6),
        new("pharmacy", [("Paracetamol", "Vỉ", 15000, "5%"), ("Vitamin C", "Lọ", 85000, "5%"), ("Khẩu trang", "Hộp", 30000, "10%"), ("Nước muối", "Chai", 6000, "5%")], 2.0, 4),
        new("restaurant", [("Phở bò", "Tô", 65000, "8%"), ("Cơm tấm", "Đĩa", 55000, "8%"), ("Gỏi cuốn", "Phần", 40000, "8%"), ("Bia", "Lon", 20000, "10%"),
            ("Rượu vang", "Chai", 450000, "10%")], 4.0, 4),
    ];

    /// <summary>A basket: a geometric number of lines around the shop's mean, goods drawn from its list.</summary>
    public byte[] SaleJson(Random random, string saleId, string registerId)
    {
        var lines = 1;
        var p = 1.0 / MeanLines;
        while (random.NextDouble() > p && lines < 60) lines++;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("saleId", saleId);
            json.WriteString("registerId", registerId);
            json.WriteStartArray("lines");
            for (var i = 0; i < lines; i++)
            {
                var g = Goods[random.Next(Goods.Length)];
                json.WriteStartObject();
                json.WriteString("name", g.Name);
                json.WriteString("unit", g.Unit);
                json.WriteNumber("quantity", random.Next(1, MaxQuantity + 1));
                json.WriteNumber("unitPrice", g.Price);
                json.WriteString("rate", g.Rate);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("paymentMethod", random.Next(3) == 0 ? "Chuyển khoản" : "Tiền mặt");
            json.WriteEndObject();
        }
        return stream.ToArray();
    }
}

/// <summary>One store: its profile, its registers and each register's share of the store's sales (its own rhythm).</summary>
public sealed record Store(string Name, ShopProfile Profile, double Weight, string[] Registers, double[] RegisterShares)
{
    /// <summary>The fleet, drawn from the seed: stores cycle through the shop kinds, weights and register rhythms vary.</summary>
    public static IReadOnlyList<Store> Fleet(int stores, int registers, int seed)
    {
        var random = new Random(seed);
        var list = new List<Store>();
        for (var s = 0; s < stores; s++)
        {
            var shares = Enumerable.Range(0, registers).Select(_ => 0.5 + random.NextDouble()).ToArray();
            var total = shares.Sum();
            list.Add(new Store($"store-{s + 1:00}", ShopProfile.All[s % ShopProfile.All.Length], 0.5 + random.NextDouble(),
                Enumerable.Range(1, registers).Select(r => $"s{s + 1:00}-quay-{r}").ToArray(), shares.Select(x => x / total).ToArray()));
        }
        var weights = list.Sum(x => x.Weight);
        return list.Select(x => x with { Weight = x.Weight / weights }).ToList();
    }

    public string PickRegister(Random random)
    {
        var x = random.NextDouble();
        for (var i = 0; i < Registers.Length; i++)
        {
            x -= RegisterShares[i];
            if (x <= 0) return Registers[i];
        }
        return Registers[^1];
    }
}
