using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ConformanceKit.TaxAuthoritySim.Endpoints;

/// <summary>
/// What the OpenAPI document (/openapi/v1.json, Swagger UI at /swagger) adds to the routes' own metadata: the two key
/// headers as apiKey security schemes, each route's requirement (from <see cref="RequiresKey"/>), and the XML body of
/// POST /api/v1/messages — so that "Try it out" can authorize and send a package.
/// </summary>
public static class OpenApiContract
{
    public static void Configure(OpenApiOptions o)
    {
        o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "ConformanceKit tax-authority simulator";
            doc.Info.Description = "Decision 1391 step-1 intake of cash-register invoice packages (206), 999 and signed 204 notices, registration (100 → 102/103), Form 04/SS-HĐĐT corrections (303 → signed 301), and the control plane. See docs/simulator.md. "
                                   + "Authorize with a T-VAN's key (X-Api-Key; demo seed: demo-tvan-key) for /api/v1 and the admin key (X-Admin-Key; demo-admin-key) for /admin/v1.";
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes[ApiKeys.TvanHeader] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeys.TvanHeader,
                Description = "A T-VAN's API key (the seed's tvans[].apiKey): sending messages, their responses, the inbox, its own invoices in the look-up.",
            };
            doc.Components.SecuritySchemes[ApiKeys.AdminHeader] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeys.AdminHeader,
                Description = "The operator's key (the seed's adminKey): the control plane /admin/v1, any invoice in the look-up.",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var keys = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiresKey>().ToList();
            if (keys.Count == 0) return Task.CompletedTask;
            operation.Security ??= [];
            foreach (var key in keys.DistinctBy(k => k.Header))
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(key.Header, context.Document)] = [] });
            // An empty requirement: the route also answers without a key.
            if (keys.Any(k => k.Optional)) operation.Security.Add(new OpenApiSecurityRequirement());
            return Task.CompletedTask;
        });
    }

    /// <summary>POST /api/v1/messages: the request body is one TDiep, XML, sent as it is.</summary>
    public static TBuilder AcceptsMessageXml<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "One TDiep — a 206 package of signed cash-register invoices, a 100 registration or a 303 Form 04/SS-HĐĐT — UTF-8 XML, at most 2 MB, "
                              + "sent as it is (the signatures cover its bytes). `ck sample package` writes a valid one for the demo seed; "
                              + "paste its content here. Any content type is taken.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/xml"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Description = "The TDiep's XML text (TTChung: PBan, MNGui, MNNhan, MLTDiep, MTDiep, MST, SLuong; DLieu: the HDon or the TKhai).",
                        },
                        Example = JsonValue.Create(ExampleMessage),
                    },
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>The shape of a 206, unsigned (the simulator answers it with a 999 listing what is missing).</summary>
    public const string ExampleMessage = """
        <?xml version="1.0" encoding="UTF-8"?>
        <TDiep>
          <TTChung>
            <PBan>2.1.0</PBan>
            <MNGui>V0309478306</MNGui>
            <MNNhan>TCT</MNNhan>
            <MLTDiep>206</MLTDiep>
            <MTDiep>V0309478306A1B2C3D4E5F60718293A4B5C6D7E8F9</MTDiep>
            <MST>0106324653</MST>
            <SLuong>1</SLuong>
          </TTChung>
          <DLieu>
            <HDon><!-- one signed cash-register invoice: DLHDon (TTChung, NDHDon), MCCQT, DSCKS --></HDon>
          </DLieu>
        </TDiep>
        """;
}
