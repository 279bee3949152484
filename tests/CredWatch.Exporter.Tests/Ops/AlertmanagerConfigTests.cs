using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>deploy/alertmanager: the example config and its Telegram template, checked by the real amtool/Alertmanager.</summary>
public sealed class AlertmanagerConfigTests
{
    [RequiresBinariesFact(PromBinaries.Amtool)]
    public async Task Amtool_accepts_the_shipped_example()
    {
        var dir = Directory.CreateTempSubdirectory("credwatch-am-").FullName;
        try
        {
            var path = Path.Combine(dir, "alertmanager.yml");
            await File.WriteAllTextAsync(path, AlertmanagerExampleConfig.ShippedForAlertmanager025());
            var result = await Tool.RunAsync(PromBinaries.Amtool, ["check-config", path]);

            result.ExitCode.Should().Be(0, result.ToString());
            result.Combined.Should().Contain("1 receivers");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RequiresBinariesFact(PromBinaries.Amtool)]
    public async Task Amtool_accepts_the_loopback_rendering_with_its_template()
    {
        var dir = Directory.CreateTempSubdirectory("credwatch-am-").FullName;
        try
        {
            var path = Path.Combine(dir, "alertmanager.yml");
            await File.WriteAllTextAsync(path, AlertmanagerExampleConfig.Render(new Uri("http://127.0.0.1:1/"), "123:FIXTUREbotTOKEN", -1001234567890));

            var result = await Tool.RunAsync(PromBinaries.Amtool, ["check-config", path]);

            result.ExitCode.Should().Be(0, result.ToString());
            result.Combined.Should().Contain("1 templates");
            (await File.ReadAllTextAsync(path)).Should().Contain("api_url: http://127.0.0.1:1").And.Contain("chat_id: -1001234567890");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RequiresBinariesFact(PromBinaries.Amtool)]
    public async Task Telegram_template_renders_html()
    {
        var result = await Tool.RunAsync(
            PromBinaries.Amtool,
            ["template", "render", "--template.glob=" + AlertmanagerExampleConfig.TemplatesGlob, "--template.text={{ template \"credwatch.telegram\" . }}"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("<b>").And.Contain("<i>");
    }

    [Fact]
    public void Shipped_example_routes_to_a_telegram_receiver_without_a_real_token()
    {
        var doc = OpsFiles.Map(OpsFiles.LoadYaml(AlertmanagerExampleConfig.ShippedPath), "alertmanager.yml");
        var receiver = OpsFiles.Map(OpsFiles.Seq(OpsFiles.Get(doc, "receivers"), "receivers")[0], "receiver");
        var telegram = OpsFiles.Map(OpsFiles.Seq(OpsFiles.Get(receiver, "telegram_configs"), "telegram_configs")[0], "telegram");
        telegram.Keys.Select(OpsFiles.Str).Should().NotContain("bot_token", "the token stays out of the config file");
        OpsFiles.Str(OpsFiles.Get(telegram, "bot_token_file")).Should().Be("/run/secrets/telegram_bot_token");
        OpsFiles.Str(OpsFiles.Get(telegram, "parse_mode")).Should().Be("HTML");
        OpsFiles.Str(OpsFiles.Get(OpsFiles.Map(OpsFiles.Get(doc, "route"), "route"), "receiver")).Should().Be(OpsFiles.Str(OpsFiles.Get(receiver, "name")));
        FixtureSecrets.AssertNoSecret(File.ReadAllText(AlertmanagerExampleConfig.ShippedPath), "alertmanager.yml");
    }

    [Fact]
    public void Compose_runs_an_alertmanager_with_bot_token_file_and_mounts_the_token_as_a_secret()
    {
        var compose = OpsFiles.Map(OpsFiles.LoadYaml(OpsFiles.Compose), "compose");
        var alertmanager = OpsFiles.Map(OpsFiles.Map(OpsFiles.Get(compose, "services"), "services")["alertmanager"], "alertmanager");
        var image = OpsFiles.Str(OpsFiles.Get(alertmanager, "image"));
        var version = Version.Parse(image[(image.IndexOf(":v", StringComparison.Ordinal) + 2)..]);
        version.Should().BeGreaterThanOrEqualTo(new Version(0, 26, 0), "bot_token_file arrived in Alertmanager 0.26");
        OpsFiles.Seq(OpsFiles.Get(alertmanager, "secrets"), "secrets").Select(OpsFiles.Str).Should().Contain("telegram_bot_token");
        OpsFiles.Map(OpsFiles.Get(compose, "secrets"), "secrets").Keys.Select(OpsFiles.Str).Should().Contain("telegram_bot_token");
    }
}
