using System.Diagnostics;

namespace CredWatch.TestSupport;

/// <summary>Polls a condition until it holds or a deadline passes: the only way tests wait.</summary>
public static class Eventually
{
    public static async Task Until(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        await UntilAsync(() => Task.FromResult(condition()), timeout, because);
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"condition not met within {limit}: {because ?? "(no description)"}");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }
}
