using ConformanceKit.TaxAuthoritySim.Certification;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Samples;
using System.Net;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Certification;

/// <summary>A certification server restarted mid-session: the session, its key, its activity, its clock offset and its open step's faults survive.</summary>
[Trait("Category", "Slow")]
public sealed class RestartTests
{
    [Fact]
    public async Task A_session_survives_a_restart_with_its_key_activity_and_the_open_step_s_faults()
    {
        var folder = TestFolder.Create();
        try
        {
            CreatedSession session;
            await using (var first = await InProcessSimulator.StartAsync(folder))
            {
                using var admin = Client(first.Address, "X-Admin-Key", DemoData.AdminKey);
                session = await ScriptedVendor.CreateAsync(admin);
                using var v = new ScriptedVendor(Client(first.Address, "X-Api-Key", session.ApiKey), session);
                await v.SendAndReadAsync();
                await v.SendAndReadAsync();
                Assert.Equal(CertificationVerdicts.Passed, ScriptedVendor.Step(await v.DoneAsync("first-packages"), "first-packages").Verdict);
                (await admin.PostAsync($"/admin/v1/certification/sessions/{session.SessionId}/clock/advance",
                    new StringContent("{\"seconds\":600}", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            }

            await using var second = await InProcessSimulator.StartAsync(folder);
            using var again = new ScriptedVendor(Client(second.Address, "X-Api-Key", session.ApiKey), session);
            var view = await again.ViewAsync();
            Assert.Equal(session.SessionId, view.SessionId);
            Assert.Equal("resend-after-503", view.CurrentStep);
            Assert.Equal(600, view.ClockOffsetSeconds); // the session's own clock survives too
            Assert.Equal(CertificationVerdicts.Passed, ScriptedVendor.Step(view, "first-packages").Verdict);
            // The open step's 503s are in force again after the restart, for this sender only.
            var package = again.Package(firstSerial: 5);
            Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK],
                await again.SendUntilTakenAsync(package));
            await again.Client.WaitForAsync(Packages.IdOf(package), "204");
            var step = ScriptedVendor.Step(await again.DoneAsync("resend-after-503"), "resend-after-503");
            Assert.True(step.Verdict == CertificationVerdicts.Passed, string.Join("\n", step.Reasons));
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }

    private static HttpClient Client(Uri address, string header, string key)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(header, key);
        return client;
    }
}
