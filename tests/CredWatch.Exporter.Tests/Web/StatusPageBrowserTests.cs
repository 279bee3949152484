using System.Diagnostics;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Web;

/// <summary>
/// The status page at <c>/</c> rendered by a real browser (headless Chromium), checked for what a person sees: the
/// stale copy stands out in colour and in words, and the command that fixes it is on screen, on a desktop and on a phone.
/// </summary>
public sealed class StatusPageBrowserTests : IDisposable
{
    // The page's palette (StatusPage.Css): critical row background and the dark fix-command block.
    private static readonly (byte R, byte G, byte B) CriticalBackground = (0xfd, 0xe7, 0xe6);
    private static readonly (byte R, byte G, byte B) FixBlock = (0x20, 0x21, 0x24);

    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [RequiresBinariesFact(PromBinaries.Chromium)]
    public async Task Stale_copy_stands_out_and_its_fix_command_is_on_screen()
    {
        await using var daemon = await CredWatchProcess.StartDaemonAsync(_home.Home, _home.StateDir);
        var url = daemon.BaseUri.ToString();

        var dom = await Chromium("--dump-dom", url);
        dom.Should().NotContain("<script", "the page works without script");
        var problems = dom.IndexOf("<h2>Problems</h2>", StringComparison.Ordinal);
        var table = dom.IndexOf("<h2>Credentials</h2>", StringComparison.Ordinal);
        problems.Should().BePositive().And.BeLessThan(table, "problems come first");
        dom.Should().Contain("<span class=\"badge critical\">CRITICAL</span> <strong>openclaw/hr-bp anthropic:claude-cli</strong>", "in words, not only colour");
        dom.Should().Contain("Fix: <code>credwatch sync --agent hr-bp</code>");
        dom.Should().MatchRegex("<tr class=\"critical\">.*?hr-bp.*?stale.*?credwatch sync --agent hr-bp</code>");
        dom.Should().MatchRegex("<tr class=\"ok\">.*?main.*?in sync");
        dom.Should().Contain("version 0.").And.Contain("last scan ");
        dom.Should().Contain("Gateway logs").And.Contain("Task ledger").And.Contain("Telegram alerts");

        var desktop = await Screenshot(url, 1280, 900);
        var staleRows = desktop.RowsWith(CriticalBackground.R, CriticalBackground.G, CriticalBackground.B, minimum: 600);
        staleRows.Count.Should().BeGreaterThan(40, "the banner, the problem and the stale row are tinted across most of the page width");
        desktop.RowsWith(FixBlock.R, FixBlock.G, FixBlock.B, minimum: 100).Should().NotBeEmpty("the fix command is drawn on screen");

        // A phone: 390 px wide. The fix command is in the first screen, without scrolling.
        var phone = await Screenshot(url, 390, 844);
        phone.RowsWith(FixBlock.R, FixBlock.G, FixBlock.B, minimum: 60).Should().NotBeEmpty("the fix command is on a phone's first screen");
        phone.RowsWith(CriticalBackground.R, CriticalBackground.G, CriticalBackground.B, minimum: 200).Count.Should().BeGreaterThan(20);
    }

    private async Task<PngImage> Screenshot(string url, int width, int height)
    {
        var file = Path.Combine(_home.Root, $"page-{width}.png");
        await Chromium($"--screenshot={file}", $"--window-size={width},{height}", "--hide-scrollbars", url);
        File.Exists(file).Should().BeTrue();
        var image = PngImage.Load(file);
        image.Width.Should().Be(width);
        return image;
    }

    private static async Task<string> Chromium(params string[] args)
    {
        var psi = new ProcessStartInfo(PromBinaries.Require(PromBinaries.Chromium))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--no-sandbox", "--disable-gpu", "--no-first-run" }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(limit.Token);
        p.ExitCode.Should().Be(0, await stderr);
        return await stdout;
    }
}
