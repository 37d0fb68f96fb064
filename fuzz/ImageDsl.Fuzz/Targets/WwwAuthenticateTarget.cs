using System.Text;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Fuzz.Targets;

/// <summary>WWW-Authenticate challenges: each input line is one header value. The parser never throws.</summary>
internal sealed class WwwAuthenticateTarget : FuzzTarget
{
    public override string Name => "www-authenticate";

    public override string Description => "lines: each is one WWW-Authenticate header value";

    public override void Run(byte[] input)
    {
        string[] values = Encoding.UTF8.GetString(input).Split('\n');
        IReadOnlyList<AuthChallenge> challenges = AuthChallenge.Parse(values);
        AuthChallenge? chosen = AuthChallenge.Preferred(challenges);
        _ = chosen?.Realm;
        _ = chosen?.Scope;
        _ = chosen?.Service;
    }

    public override bool IsExpected(Exception error) => false;
}
