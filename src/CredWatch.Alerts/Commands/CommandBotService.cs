using System.Net;
using CredWatch.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using CredWatch.Alerts.Delivery;
using CredWatch.Alerts.Discovery;
using CredWatch.Alerts.Metrics;
using CredWatch.Alerts.Formatting;
using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Commands;

/// <summary>
/// CredWatch's own bot (<c>Telegram:CommandBot</c>): long-polls getUpdates with its token only (never the gateway's:
/// a second poller of a token makes Telegram answer the gateway's own polling 409), answers <c>/status</c>,
/// <c>/retry &lt;task id&gt;</c> and the "Retry delivery" button for allowed users, refuses everyone else with an answer
/// and a log line. The offset is saved before each update is acted on, so a restart never runs a command twice.
/// </summary>
internal sealed class CommandBotService(
    TelegramSetup setup,
    TelegramSender sender,
    AlertsOptions alerts,
    IOptions<TelegramOptions> telegram,
    AlertMetrics metrics,
    StateFileReporter reporter,
    TimeProvider time,
    ILogger<CommandBotService> logger,
    ICommandBotHandler? handler = null) : BackgroundService
{
    private const int MaxReply = 3800;

    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery];

    /// <summary>The bot's own username, once known: a command addressed to another bot (<c>/status@other_bot</c>) is not ours.</summary>
    private string? _username;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (setup.CommandBotRefusal is { } refusal)
        {
            // One clear line and no start: polling the gateway's token would take its updates away.
            throw new OptionsValidationException(TelegramOptions.SectionName, typeof(TelegramOptions), [refusal]);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => RunAsync(stoppingToken), CancellationToken.None);

    private async Task RunAsync(CancellationToken ct)
    {
        if (setup.CommandBot is not { } bot || alerts.StateDir is not { } stateDir)
        {
            return;
        }

        if (sender.Client(bot) is not { } client)
        {
            Log.CommandBotStopped(logger, "its token has an invalid format");
            return;
        }

        var store = new CommandBotOffsetStore(stateDir, reporter, time);
        var offset = store.Load();
        Log.CommandBotOn(logger, setup.CommandUsers.Count, bot.ApiBase?.GetLeftPart(UriPartial.Authority) ?? "api.telegram.org");
        var timeout = (int)telegram.Value.CommandBot.PollTimeout.TotalSeconds;
        try
        {
            _username = (await client.GetMe(ct)).Username;
        }
        catch (Exception ex) when (ex is ApiRequestException or RequestException or HttpRequestException or IOException)
        {
            // Without it, every command is taken as ours; getUpdates below reports a lasting problem.
            Log.CommandBotPollFailed(logger, ErrorText.Describe(ex, bot.Token), 0);
        }

        while (!ct.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await client.GetUpdates((int)Math.Min(offset, int.MaxValue), 50, timeout, Wanted, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is ApiRequestException or RequestException or HttpRequestException or IOException or OperationCanceledException)
            {
                var wait = ex is ApiRequestException { ErrorCode: (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Conflict } ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(5);
                Log.CommandBotPollFailed(logger, ErrorText.Describe(ex, bot.Token), wait.TotalSeconds);
                try
                {
                    await Task.Delay(wait, time, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            foreach (var update in updates)
            {
                offset = Math.Max(offset, (long)update.Id + 1);
                store.Save(offset);
                try
                {
                    await HandleAsync(client, update, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One bad update (a reply Telegram refused, a handler bug) must not stop the bot.
                    Log.CommandBotUpdateFailed(logger, update.Id, ErrorText.Describe(ex, bot.Token));
                }
            }
        }
    }

    private async Task HandleAsync(TelegramBotClient client, Update update, CancellationToken ct)
    {
        if (update.CallbackQuery is { } query)
        {
            await HandleButtonAsync(client, query, ct);
            return;
        }

        if (update.Message is not { Text: { } text, From: { } from } message || !text.StartsWith('/'))
        {
            return;
        }

        var parts = text.Split((char[])[' ', '\n', '\t'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var name = parts[0][1..];
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0 && _username is not null && !string.Equals(name[(at + 1)..], _username, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        name = (at >= 0 ? name[..at] : name).ToLowerInvariant();
        var command = name switch { "status" => "status", "retry" => "retry", "help" or "start" => "help", _ => "unknown" };
        var argument = parts.Length > 1 ? parts[1].Split(' ', 2)[0] : null;

        CommandBotReply reply;
        if (!setup.CommandUsers.Contains(from.Id))
        {
            Log.CommandRefused(logger, command, from.Id, message.Chat.Id);
            reply = new CommandBotReply(CommandBotOutcomes.Denied, NotAllowed);
        }
        else
        {
            reply = command switch
            {
                "status" => await RunAsync(h => h.StatusAsync(ct)),
                "retry" when argument is { Length: > 0 and <= 128 } => await RunAsync(h => h.RetryAsync(argument, ct)),
                "retry" => new CommandBotReply(CommandBotOutcomes.Invalid, "Usage: /retry <task id> (the id is in the alert)."),
                "help" => new CommandBotReply(CommandBotOutcomes.Ok, Help),
                _ => new CommandBotReply(CommandBotOutcomes.Invalid, "Unknown command. " + Help),
            };
            Log.CommandAnswered(logger, command, from.Id, reply.Outcome);
        }

        metrics.RecordCommand(command, reply.Outcome);
        await ReplyAsync(client, message.Chat.Id, message.MessageThreadId, reply.Text, command == "status" && reply.Outcome == CommandBotOutcomes.Ok, ct);
    }

    private async Task HandleButtonAsync(TelegramBotClient client, CallbackQuery query, CancellationToken ct)
    {
        var taskId = query.Data is { } data && data.StartsWith(AlertAction.RetryPrefix, StringComparison.Ordinal) ? data[AlertAction.RetryPrefix.Length..] : null;
        var chat = query.Message?.Chat.Id;
        if (!setup.CommandUsers.Contains(query.From.Id))
        {
            Log.CommandRefused(logger, "retry", query.From.Id, chat ?? 0);
            metrics.RecordCommand("retry", CommandBotOutcomes.Denied);
            await client.AnswerCallbackQuery(query.Id, NotAllowed, showAlert: true, cancellationToken: ct);
            return;
        }

        if (taskId is not { Length: > 0 })
        {
            metrics.RecordCommand("unknown", CommandBotOutcomes.Invalid);
            await client.AnswerCallbackQuery(query.Id, "Unknown button.", cancellationToken: ct);
            return;
        }

        // Answered at once (Telegram shows a spinner until then); the outcome follows as a message.
        await client.AnswerCallbackQuery(query.Id, $"Retrying delivery of task {taskId}…", cancellationToken: ct);
        var reply = await RunAsync(h => h.RetryAsync(taskId, ct));
        Log.CommandAnswered(logger, "retry", query.From.Id, reply.Outcome);
        metrics.RecordCommand("retry", reply.Outcome);
        if (chat is { } chatId)
        {
            await ReplyAsync(client, chatId, query.Message!.MessageThreadId, reply.Text, false, ct);
        }
    }

    private async Task<CommandBotReply> RunAsync(Func<ICommandBotHandler, Task<CommandBotReply>> run)
    {
        if (handler is null)
        {
            return new CommandBotReply(CommandBotOutcomes.Unavailable, "Not available in this CredWatch.");
        }

        var reply = await run(handler);
        return CommandBotOutcomes.All.Contains(reply.Outcome, StringComparer.Ordinal) ? reply : reply with { Outcome = CommandBotOutcomes.Failed };
    }

    private static async Task ReplyAsync(TelegramBotClient client, long chatId, int? threadId, string text, bool preformatted, CancellationToken ct)
    {
        var body = AlertFormatter.Escape(AlertFormatter.Limit(SecretScrubber.Scrub(text), MaxReply));
        await client.SendMessage(chatId, preformatted ? "<pre>" + body + "</pre>" : body, parseMode: ParseMode.Html,
            messageThreadId: threadId is 1 ? null : threadId, cancellationToken: ct);
    }

    private const string NotAllowed = "Not allowed: only the users OpenClaw's gateway takes messages from (channels.telegram.allowFrom) or those in CredWatch's Telegram:CommandBot:AllowFrom may use this bot.";

    private const string Help = "Commands: /status — the check summary; /retry <task id> — run `openclaw tasks retry <task id>` for a waiting result (only once its login works).";
}
