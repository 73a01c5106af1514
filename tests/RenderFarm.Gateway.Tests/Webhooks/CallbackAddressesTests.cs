using System.Net;
using RenderFarm.Gateway.Webhooks;

namespace RenderFarm.Gateway.Tests.Webhooks;

public class CallbackAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.5")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Private_loopback_and_link_local_addresses_are_not_public(string address) =>
        Assert.False(CallbackAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    public void Internet_addresses_are_public(string address) =>
        Assert.True(CallbackAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://[::1]:8443/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://redis.renderfarm.svc.cluster.local/hook")]
    [InlineData("https://metadata.google.internal/")]
    [InlineData("https://intranet/hook")]
    [InlineData("http://hooks.example.com/x")]
    [InlineData("https://user:secret@hooks.example.com/x")]
    [InlineData("ftp://hooks.example.com/x")]
    [InlineData("/relative/hook")]
    public void Urls_the_farm_must_not_call_are_refused_in_production(string url)
    {
        var (accepted, problem) = CallbackAddresses.Check(url, allowPrivate: false);

        Assert.Null(accepted);
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void A_public_https_url_is_accepted_and_loopback_only_when_allowed()
    {
        Assert.Equal("https://hooks.example.com/renderfarm?k=1", CallbackAddresses.Check("https://hooks.example.com/renderfarm?k=1", false).Url?.AbsoluteUri);
        Assert.Null(CallbackAddresses.Check("http://127.0.0.1:5000/hook", false).Url);
        Assert.NotNull(CallbackAddresses.Check("http://127.0.0.1:5000/hook", true).Url);
    }
}
