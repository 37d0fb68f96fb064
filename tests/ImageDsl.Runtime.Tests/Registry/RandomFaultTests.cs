using System.Collections.Concurrent;
using System.Diagnostics;
using ImageDsl.Errors;
using ImageDsl.Oci.Registry;
using Microsoft.AspNetCore.Http;

namespace ImageDsl.Tests.Registry;

/// <summary>Random faults on every request: success or a clear failure, never a tag on missing content.</summary>
public sealed class RandomFaultTests : FaultProxyTestBase
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Random_faults_never_leave_a_tag_pointing_at_missing_content(int seed)
    {
        var random = new Random(seed);
        proxy.Rule = request =>
        {
            if (request.Path.Value == "/v2/")
            {
                return null;
            }
            lock (random)
            {
                return random.Next(10) switch
                {
                    0 => new Fault.Status(500),
                    1 => new Fault.Status(429, RetryAfter: "0"),
                    2 => new Fault.ResetMidBody(10_000),
                    3 => new Fault.ResetAfterForward(),
                    _ => null,
                };
            }
        };
        string repository = $"random{seed}/app";
        try
        {
            PushResult result = await PushAsync(repository, "a", "b");
            Assert.Equal(layout.IndexDigest, result.Digest);
        }
        catch (ImageDslException error)
        {
            Assert.True(error.Kind is ErrorKind.Network, error.ToString());
            Assert.Matches("^(pushing blob sha256:|pushing manifest sha256:|verifying .* before tagging failed|writing tag )", error.Message);
        }
        await AssertCompleteAsync(repository, "a", "b");
    }
}
