using Microsoft.Playwright;

namespace RenderFarm.Browser.Tests;

/// <summary>
/// A page in its own browser context, which records what the browser complained about: uncaught script errors and
/// Content-Security-Policy refusals (the pages must work under the servers' strict CSP), plus the rest of the console.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    readonly List<string> console = [];
    readonly List<string> problems = [];

    BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public static async Task<BrowserPage> OpenAsync(IBrowserContext context)
    {
        // Runs before any page script (injected by the browser, so the page's own CSP does not apply to it).
        await context.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', (e) => {
              window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber || ''})`);
            });
            """);
        var page = await context.NewPageAsync();
        var wrapper = new BrowserPage(context, page);
        page.Console += (_, message) => wrapper.Record(message.Type, message.Text);
        page.PageError += (_, error) => wrapper.Problem($"uncaught error: {error}");
        return wrapper;
    }

    void Record(string type, string text)
    {
        lock (console) console.Add($"[{type}] {text}");
        if (text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            Problem($"CSP: {text}");
    }

    void Problem(string text)
    {
        lock (problems) problems.Add(text);
    }

    public string ConsoleLog { get { lock (console) return string.Join('\n', console); } }

    /// <summary>Fails the test if the page threw or the browser refused something under the page's CSP.</summary>
    public async Task AssertNoScriptOrPolicyErrorsAsync()
    {
        var violations = await Page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        string[] all;
        lock (problems) all = [.. problems, .. violations.Select(v => $"CSP: {v}")];
        Assert.True(all.Length == 0, $"the page reported:\n{string.Join('\n', all)}\nconsole:\n{ConsoleLog}");
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
