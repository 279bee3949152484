using Xunit.Sdk;

namespace CredWatch.TestSupport.Requirements;

/// <summary>A fact that needs root (chown to another user, mounts); CI and <c>./test.sh</c> in CI run as root.</summary>
[XunitTestCaseDiscoverer("CredWatch.TestSupport.Requirements.RequirementFactDiscoverer", "CredWatch.TestSupport")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRootFactAttribute() : RequirementFactAttribute(Environment.IsPrivilegedProcess ? null : "root (run the tests as root, as CI does)");
