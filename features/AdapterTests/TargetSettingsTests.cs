using ConformanceKit.Features.Support;

namespace ConformanceKit.Features.AdapterTests;

/// <summary>Which scenarios a target selects out, by their tags: a pure function of the settings and the tags.</summary>
public sealed class TargetSettingsTests
{
    private static TargetEnvironment Settings(params (string Name, string Value)[] variables) =>
        TargetEnvironment.From(name => variables.FirstOrDefault(v => v.Name == name).Value);

    private static readonly TargetEnvironment InProcess = Settings();
    private static readonly TargetEnvironment TargetWithAdmin = Settings(("CK_TARGET", "http://127.0.0.1:5080"), ("CK_ADMIN_KEY", "secret"));
    private static readonly TargetEnvironment TargetWithoutAdmin = Settings(("CK_TARGET", "http://127.0.0.1:5080/"));
    private static readonly TargetEnvironment OwnProvider = Settings(("CK_PROVIDER_URL", "https://pos.example/api"), ("CK_PROVIDER_KEY", "k"));

    [Fact]
    public void In_process_everything_runs()
    {
        Assert.True(InProcess.InProcessAuthority);
        Assert.True(InProcess.HasControlPlane);
        Assert.True(InProcess.ReferenceProvider);
        Assert.Equal("demo-admin-key", InProcess.ControlPlaneKey);
        Assert.Null(InProcess.SkipReason(["in-process", "control-plane", "reference-provider", "pipeline"]));
    }

    [Fact]
    public void A_target_selects_out_in_process_scenarios_and_keeps_the_control_plane_with_its_key()
    {
        Assert.Equal(new Uri("http://127.0.0.1:5080/"), TargetWithAdmin.Target);
        Assert.True(TargetWithAdmin.HasControlPlane);
        Assert.Equal("secret", TargetWithAdmin.ControlPlaneKey);
        Assert.Equal("needs its own in-process simulator: CK_TARGET is set (http://127.0.0.1:5080/)", TargetWithAdmin.SkipReason(["in-process"]));
        Assert.Equal("needs its own in-process simulator: CK_TARGET is set (http://127.0.0.1:5080/)", TargetWithAdmin.SkipReason(["@in-process", "control-plane"]));
        Assert.Null(TargetWithAdmin.SkipReason(["control-plane"]));
        Assert.Null(TargetWithAdmin.SkipReason(["reference-provider", "pipeline"]));
    }

    [Fact]
    public void A_target_without_an_admin_key_has_no_control_plane()
    {
        Assert.False(TargetWithoutAdmin.HasControlPlane);
        Assert.Null(TargetWithoutAdmin.ControlPlaneKey);
        Assert.Equal("needs the authority's control plane: CK_TARGET is set without CK_ADMIN_KEY", TargetWithoutAdmin.SkipReason(["control-plane"]));
        Assert.Equal("needs the authority's control plane: CK_TARGET is set without CK_ADMIN_KEY", TargetWithoutAdmin.SkipReason(["Control-Plane", "adapter"]));
        Assert.StartsWith("needs its own in-process simulator", TargetWithoutAdmin.SkipReason(["in-process"]));
        Assert.Null(TargetWithoutAdmin.SkipReason(["pipeline"]));
        Assert.Null(TargetWithoutAdmin.SkipReason([]));
    }

    [Fact]
    public void An_admin_key_alone_changes_nothing_in_process()
    {
        var settings = Settings(("CK_ADMIN_KEY", "other"));
        Assert.True(settings.HasControlPlane);
        Assert.Equal("demo-admin-key", settings.ControlPlaneKey); // the in-process simulator is seeded with the demo key
    }

    [Fact]
    public void A_provider_of_ones_own_selects_out_the_reference_provider_scenarios()
    {
        Assert.False(OwnProvider.ReferenceProvider);
        Assert.Equal(new Uri("https://pos.example/api/"), OwnProvider.ProviderUrl);
        Assert.Equal("k", OwnProvider.ProviderKey);
        Assert.True(OwnProvider.InProcessAuthority);
        Assert.Equal("needs the in-process reference provider: CK_PROVIDER_URL is set (https://pos.example/api/)", OwnProvider.SkipReason(["reference-provider"]));
        Assert.Null(OwnProvider.SkipReason(["control-plane", "in-process"]));
    }

    [Fact]
    public void Every_reason_a_scenario_cannot_run_is_given()
    {
        var both = Settings(("CK_TARGET", "http://sandbox.example"), ("CK_PROVIDER_URL", "http://pos.example"));
        Assert.Equal("needs the authority's control plane: CK_TARGET is set without CK_ADMIN_KEY; " +
            "needs the in-process reference provider: CK_PROVIDER_URL is set (http://pos.example/)",
            both.SkipReason(["control-plane", "reference-provider"]));
    }

    [Fact]
    public void Blank_variables_count_as_unset()
    {
        var blank = Settings(("CK_TARGET", " "), ("CK_ADMIN_KEY", ""), ("CK_PROVIDER_URL", ""));
        Assert.True(blank.InProcessAuthority);
        Assert.True(blank.ReferenceProvider);
        Assert.Null(blank.SkipReason(["in-process", "control-plane", "reference-provider"]));
    }

    [Fact]
    public void A_vendor_provider_without_its_authority_selects_out_the_pipeline()
    {
        Assert.Equal("needs the authority CK_PROVIDER_URL's provider sends to: set CK_TARGET to it", OwnProvider.SkipReason(["pipeline"]));
        Assert.Null(OwnProvider.SkipReason(["in-process", "control-plane"]));
        var withAuthority = Settings(("CK_PROVIDER_URL", "https://pos.example/api"), ("CK_TARGET", "http://127.0.0.1:5080"));
        Assert.Null(withAuthority.SkipReason(["pipeline"]));
        Assert.Equal("needs the authority's control plane: CK_TARGET is set without CK_ADMIN_KEY", withAuthority.SkipReason(["pipeline", "control-plane"]));
    }
}
