using System.Net;
using RenderFarm.Gateway.Defences;

namespace RenderFarm.Gateway.Tests.Defences;

public class ClientKeysTests
{
    static string Partition(string address, int ipv6PrefixLength = 64) => ClientKeys.Partition(IPAddress.Parse(address), ipv6PrefixLength);

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:1234:5678:9abc:def0")]
    [InlineData("198.51.100.7", "::ffff:198.51.100.7")]
    public void Addresses_of_one_client_share_a_partition(string one, string other) =>
        Assert.Equal(Partition(one), Partition(other));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1")]
    [InlineData("198.51.100.7", "198.51.100.8")]
    public void Addresses_of_different_clients_do_not(string one, string other) =>
        Assert.NotEqual(Partition(one), Partition(other));

    [Fact]
    public void The_ipv6_prefix_length_is_configurable()
    {
        Assert.Equal(Partition("2001:db8:1:2::1", 48), Partition("2001:db8:1:9::1", 48));
        Assert.NotEqual(Partition("2001:db8:1:2::1", 128), Partition("2001:db8:1:2::2", 128));
    }
}
