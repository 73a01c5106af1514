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

    /// <summary>
    /// Opens a page of a service and checks that it was served as the site is: 200, under the strict
    /// Content-Security-Policy (so that what the browser refuses in these tests, it would refuse in production).
    /// </summary>
    public async Task<IResponse> GotoAsync(string url)
    {
        const string hint = "is wwwroot in the service's output folder (its web root)?";
        IResponse? response;
        try
        {
            response = await Page.GotoAsync(url);
        }
        catch (PlaywrightException ex) when (ex.Message.Contains("ERR_HTTP_RESPONSE_CODE_FAILURE"))
        {
            // Chromium's answer to an error status with an empty body.
            throw new Xunit.Sdk.XunitException($"GET {url} answered an error status with no page: {hint}");
        }
        Assert.True(response is { Ok: true }, $"GET {url} answered {response?.Status.ToString() ?? "nothing"}: {hint}");
        var csp = (await response!.AllHeadersAsync()).GetValueOrDefault("content-security-policy") ?? "";
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        return response;
    }

    /// <summary>
    /// Opens the Gateway's upload page and waits until its styles are shown: they arrive after the page has loaded and
    /// push the submit button down, so a click before then can land where the button no longer is.
    /// </summary>
    public async Task GotoUploadPageAsync(string gatewayBaseUrl)
    {
        await GotoAsync($"{gatewayBaseUrl}/");
        await Page.Locator("#upload-form[data-styles-shown]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Fails if the page is wider than the viewport it was opened with (it would scroll sideways on a phone).</summary>
    public async Task AssertFitsTheScreenWidthAsync()
    {
        var viewport = Page.ViewportSize!.Width;
        var widest = await Page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        Assert.True(widest <= viewport, $"the page is {widest} px wide on a {viewport} px screen");
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
