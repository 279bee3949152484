using CredWatch.TestSupport.Requirements;
using Xunit.Sdk;

namespace CredWatch.TestSupport.OpenClaw;

/// <summary>A fact that needs the real OpenClaw (<see cref="OpenClawInstall"/>); it fails saying how to install it when missing.</summary>
[XunitTestCaseDiscoverer("CredWatch.TestSupport.Requirements.RequirementFactDiscoverer", "CredWatch.TestSupport")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RealOpenClawFactAttribute() : RequirementFactAttribute(OpenClawInstall.IsAvailable ? null : OpenClawInstall.MissingReason);
