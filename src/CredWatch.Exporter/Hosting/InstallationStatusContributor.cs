using CredWatch.Exporter.Reporting;

namespace CredWatch.Exporter.Hosting;

/// <summary>
/// <c>/api/status</c> → <c>openclaw</c>: the installation as resolved (state dir, config and how each was chosen, log
/// file, state database, agents, Telegram accounts without their tokens).
/// </summary>
internal sealed class InstallationStatusContributor(OpenClawInstallation installation) : IStatusContributor
{
    public string Name => "openclaw";

    public StatusSection? GetStatus()
    {
        var home = installation.Resolve();
        var telegram = TelegramChannel.Read(home);
        return StatusSection.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("stateDir", home.StateDir);
            w.WriteString("stateDirChosenBy", home.StateDirChosenBy);
            w.WriteString("configPath", home.ConfigPath);
            w.WriteString("configChosenBy", home.ConfigChosenBy);
            w.WriteBoolean("configPresent", home.Config.Exists);
            w.WriteString("configProblem", home.Config.Problem);
            w.WriteString("lastTouchedVersion", home.LastTouchedVersion);
            w.WriteString("logFile", home.LogFile);
            w.WriteString("stateDatabase", home.StateDatabase);
            w.WriteNumber("agents", home.AgentDirs().Count);
            w.WriteStartArray("telegramAccounts");
            foreach (var a in telegram.Accounts)
            {
                w.WriteStartObject();
                w.WriteString("id", a.Id);
                w.WriteString("tokenSource", a.TokenSource);
                w.WriteString("defaultTo", a.DefaultTo);
                w.WriteString("apiRoot", a.ApiRoot);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
