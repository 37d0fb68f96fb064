using System.Text;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Fuzz.Targets;

/// <summary>
/// Registry reply bodies: error bodies (<c>{"errors":[…]}</c>, shown to users) and token-server answers.
/// Both readers turn anything into text or a clean error.
/// </summary>
internal sealed class RegistryJsonTarget : FuzzTarget
{
    private static readonly Uri Realm = new("https://auth.fuzz.invalid/token");

    public override string Name => "registry-json";

    public override string Description => "byte 0 % 2: 0 = registry error body, 1 = token server answer";

    public override void Run(byte[] input)
    {
        (int mode, byte[] payload) = Split(input, 2);
        string body = Encoding.UTF8.GetString(payload);
        if (mode == 0)
        {
            string shown = RegistryErrorBody.Describe(body);
            if (shown.Length > 401)
            {
                throw new InvalidOperationException($"the description is {shown.Length} characters, more than the 400 promised");
            }
            _ = RegistryErrorBody.Codes(body).Count;
        }
        else
        {
            _ = RegistryAuthenticator.ParseToken(body, Realm);
        }
    }
}
