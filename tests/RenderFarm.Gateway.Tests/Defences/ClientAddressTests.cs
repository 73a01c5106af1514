using System.Net;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Defences;

/// <summary>
/// Who a client is, on a real Gateway process over TCP: X-Forwarded-For counts only from a trusted proxy network, and
/// an IPv6 client cannot walk its /64 around the limit.
/// </summary>
public sealed class ClientAddressTests
{
    const int ReadsAllowed = 3;

    static async Task<ServiceProcess> GatewayAsync(params string[] trustedNetworks)
    {
        var settings = FarmSettings.Create();
        settings["RateLimiting:ReadsPerWindow"] = ReadsAllowed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimiting:ClientKeySecret"] = Guid.NewGuid().ToString(); // fresh partitions for this test
        for (var i = 0; i < trustedNetworks.Length; i++)
            settings[$"Proxies:TrustedNetworks:{i}"] = trustedNetworks[i];
        var gateway = ServiceProcess.Start("Gateway", settings);
        await gateway.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2), "/health/live");
        return gateway;
    }

    /// <summary>One read each from the given forwarded addresses; the status codes in order.</summary>
    static async Task<List<HttpStatusCode>> ReadFromAsync(ServiceProcess gateway, IEnumerable<string> forwardedFor)
    {
        using var http = new HttpClient { BaseAddress = new Uri(gateway.BaseUrl) };
        var codes = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/styles");
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await http.SendAsync(request);
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.Contains(ErrorCodes.RateLimited, await response.Content.ReadAsStringAsync());
        }
        return codes;
    }

    static IEnumerable<string> FreshIpv4Addresses(int count) => Enumerable.Range(1, count).Select(i => $"198.51.100.{i}");

    [Fact]
    public async Task A_forwarded_address_from_an_untrusted_peer_does_not_open_a_new_partition()
    {
        await using var gateway = await GatewayAsync(); // no proxy trusted: the loopback peer is the client

        var codes = await ReadFromAsync(gateway, FreshIpv4Addresses(ReadsAllowed + 1));

        Assert.Equal(HttpStatusCode.TooManyRequests, codes[^1]);
    }

    [Fact]
    public async Task A_forwarded_address_from_a_trusted_proxy_is_the_client()
    {
        await using var gateway = await GatewayAsync("127.0.0.0/8");

        var codes = await ReadFromAsync(gateway, FreshIpv4Addresses(ReadsAllowed + 1));

        Assert.All(codes, code => Assert.Equal(HttpStatusCode.OK, code));
    }

    [Fact]
    public async Task An_ipv6_client_walking_its_slash_64_shares_one_limit()
    {
        await using var gateway = await GatewayAsync("127.0.0.0/8");

        var codes = await ReadFromAsync(gateway, Enumerable.Range(1, ReadsAllowed + 1).Select(i => $"2001:db8:7:7::{i:x}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, codes[^1]);
        Assert.Equal(HttpStatusCode.OK, (await ReadFromAsync(gateway, ["2001:db8:7:8::1"]))[0]);
    }
}
