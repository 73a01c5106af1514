using System.Diagnostics;

namespace RenderFarm.ServiceDefaults.Tests;

public class IdentifyingTagScrubberTests
{
    [Fact]
    public void Removes_client_address_user_agent_query_and_headers_but_keeps_the_route()
    {
        using var activity = new Activity("POST /api/portraits").Start();
        activity.SetTag("client.address", "203.0.113.77");
        activity.SetTag("user_agent.original", "PrivacyProbe/7.7");
        activity.SetTag("url.query", "?name=selfie.jpg");
        activity.SetTag("http.request.header.x-delete-token", "secret");
        activity.SetTag("http.route", "/api/portraits");
        activity.SetTag("http.response.status_code", 202);

        new IdentifyingTagScrubber().OnEnd(activity);

        Assert.Equal(["http.response.status_code", "http.route"], activity.TagObjects.Select(t => t.Key).Order());
    }
}
