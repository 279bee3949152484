using Xunit;

namespace CredWatch.TestSupport.Requirements;

/// <summary>
/// A fact that needs something real on the machine. When it is missing the test is reported as FAILED with
/// <see cref="Missing"/> (by <see cref="RequirementFactDiscoverer"/>), or as skipped with the same reason under
/// <see cref="TestRequirements.AllowSkips"/>. It never passes without running.
/// </summary>
public abstract class RequirementFactAttribute : FactAttribute
{
    protected RequirementFactAttribute(string? missing)
    {
        Missing = missing;
        if (missing is not null && TestRequirements.AllowSkips)
        {
            Skip = missing;
        }
    }

    /// <summary>Null when the requirement is met, else what is missing and how to install it.</summary>
    public string? Missing { get; }
}
