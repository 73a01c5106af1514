using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RenderFarm.TestSupport;

/// <summary>
/// A logger provider that keeps every record at the levels production runs (Information and above, as the
/// services' appsettings configure), with its message, structured values, scopes and exception text.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    readonly ConcurrentQueue<string> records = new();
    IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Records => records;

    public ILogger CreateLogger(string categoryName) => new Sink(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() { }

    sealed class Sink(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new System.Text.StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var (key, value) in values) text.Append($" | {key}={value}");
            owner.scopes.ForEachScope((scope, sb) => sb.Append($" | scope {scope}"), text);
            if (exception is not null) text.Append($" | {exception}");
            owner.records.Enqueue(text.ToString());
        }
    }
}
