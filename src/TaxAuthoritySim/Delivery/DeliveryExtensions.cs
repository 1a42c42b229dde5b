namespace ConformanceKit.TaxAuthoritySim.Delivery;

public static class DeliveryExtensions
{
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddHttpClient(CallbackSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<CallbackSender>();
        services.AddSingleton<BuyerMailer>();
        services.AddSingleton<NoticeMailer>();
        services.AddHostedService<DeliveryService>();
        return services;
    }
}
