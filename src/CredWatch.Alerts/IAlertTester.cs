namespace CredWatch.Alerts;

/// <summary>Backs <c>credwatch alert-test</c>: one test message straight to every configured target (no outbox).</summary>
public interface IAlertTester
{
    /// <summary>
    /// Sends a test message to each default target and returns one result per target. With no usable
    /// target, returns a single failed result whose detail lists the discovery notes.
    /// </summary>
    Task<IReadOnlyList<AlertTestResult>> SendTestAsync(CancellationToken cancellationToken);
}
