using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Start-time checks of <see cref="WebSecurityOptions"/>, including loading the web config file itself,
/// so a bad file stops the start with the offending key named.
/// </summary>
internal sealed class WebSecurityOptionsValidator : IValidateOptions<WebSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, WebSecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>(options.BindErrors);
        if (!ListenEndpoint.TryParse(options.ListenAddress, out _))
        {
            errors.Add($"CredWatch:Web:ListenAddress '{options.ListenAddress}' is not host:port with an IP address, 'localhost' or an empty host");
        }

        foreach (var path in options.UnauthenticatedPaths)
        {
            if (!path.StartsWith('/'))
            {
                errors.Add($"CredWatch:Web:UnauthenticatedPaths entry '{path}' must start with '/'");
            }
        }

        if (options.ReloadInterval <= TimeSpan.Zero)
        {
            errors.Add("CredWatch:Web:ReloadInterval must be positive");
        }

        if (options.AuthFailureDelay < TimeSpan.Zero || options.AuthFailureDelay > TimeSpan.FromSeconds(10))
        {
            errors.Add("CredWatch:Web:AuthFailureDelay must be between 0 and 10 seconds");
        }

        if (options.AuthCacheDuration < TimeSpan.Zero || options.AuthCacheDuration > TimeSpan.FromHours(1))
        {
            errors.Add("CredWatch:Web:AuthCacheDuration must be between 0 and 1 hour");
        }

        if (errors.Count == 0 && !string.IsNullOrWhiteSpace(options.ConfigFile))
        {
            try
            {
                // A trial load (YAML and certificates); the store loads again on first use.
                WebConfigStore.Load(Path.GetFullPath(options.ConfigFile));
            }
            catch (WebConfigException ex)
            {
                errors.Add($"CredWatch:Web:ConfigFile '{options.ConfigFile}': {ex.Message}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
