using System.Net.Sockets;
using Azure;
using RenderFarm.Worker.Consumers;
using StackExchange.Redis;

namespace RenderFarm.Worker.Tests.Consumers;

public class TransientFaultsTests
{
    public static TheoryData<Exception> Weather => new()
    {
        new RedisConnectionException(ConnectionFailureType.SocketFailure, "redis is down"),
        new RedisTimeoutException("timeout", CommandStatus.Sent),
        new RequestFailedException(0, "connection refused"),
        new RequestFailedException(503, "server busy"),
        new RequestFailedException(429, "throttled"),
        new SocketException((int)SocketError.ConnectionRefused),
        new TimeoutException(),
        new InvalidOperationException("wrapped", new RedisConnectionException(ConnectionFailureType.UnableToConnect, "down")),
    };

    public static TheoryData<Exception> JobFaultsAndBugs => new()
    {
        new RequestFailedException(403, "forbidden"),
        new FormatException("a bug"),
        new ArgumentOutOfRangeException("x"),
        new InvalidOperationException("a bug"),
        new AggregateException(new TimeoutException(), new FormatException("a bug")),
    };

    [Theory]
    [MemberData(nameof(Weather))]
    public void A_backing_service_down_or_slow_is_transient(Exception fault) => Assert.True(TransientFaults.IsTransient(fault));

    [Theory]
    [MemberData(nameof(JobFaultsAndBugs))]
    public void A_refused_request_or_a_bug_is_not(Exception fault) => Assert.False(TransientFaults.IsTransient(fault));
}
