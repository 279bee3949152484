using Xunit.Abstractions;
using Xunit.Sdk;

namespace CredWatch.TestSupport.Requirements;

/// <summary>
/// Discovers a <see cref="RequirementFactAttribute"/> test as an ordinary fact, or, when its requirement is missing
/// and skips are not allowed, as a test case that fails with the missing requirement as its message.
/// </summary>
public sealed class RequirementFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _fact = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var missing = (factAttribute as IReflectionAttributeInfo)?.Attribute is RequirementFactAttribute requirement ? requirement.Missing : null;
        if (missing is null || TestRequirements.AllowSkips)
        {
            return _fact.Discover(discoveryOptions, testMethod, factAttribute);
        }

        return
        [
            new ExecutionErrorTestCase(
                diagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                $"Required for this test and missing: {missing} (or set {TestRequirements.AllowSkipsVariable}=1 to skip such tests)"),
        ];
    }
}
