using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Hosting.Push;

/// <summary>Rejects a push configuration that could only fail later (bad URL, empty labels, silly interval) at start.</summary>
internal sealed class PushOptionsValidator : IValidateOptions<PushOptions>
{
    public ValidateOptionsResult Validate(string? name, PushOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            failures.Add($"CredWatch:Push:Endpoint '{options.Endpoint}' is not an absolute http(s) URL (e.g. http://pushgateway:9091)");
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query))
        {
            // Credentials in the URL would end up in logs and exceptions.
            failures.Add("CredWatch:Push:Endpoint must not carry user info or a query string");
        }

        if (string.IsNullOrWhiteSpace(options.Job) || options.Job.Contains('/', StringComparison.Ordinal))
        {
            failures.Add($"CredWatch:Push:Job '{options.Job}' must be a non-empty label value without '/'");
        }

        if (options.EffectiveInstance.Contains('/', StringComparison.Ordinal))
        {
            failures.Add($"CredWatch:Push:Instance '{options.Instance}' must not contain '/'");
        }

        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromHours(1))
        {
            failures.Add($"CredWatch:Push:Interval {options.Interval} must be between 00:00:01 and 01:00:00");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
