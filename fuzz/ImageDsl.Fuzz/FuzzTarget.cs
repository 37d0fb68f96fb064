using ImageDsl.Errors;

namespace ImageDsl.Fuzz;

/// <summary>
/// One parser under fuzzing. <see cref="Run"/> feeds it the input; an exception that
/// <see cref="IsExpected"/> does not accept is a crash (a bug to fix), as is a hang.
/// </summary>
internal abstract class FuzzTarget
{
    /// <summary>The name used on the command line and as the corpus folder (fuzz/corpus/&lt;name&gt;).</summary>
    public abstract string Name { get; }

    /// <summary>What the target feeds and how the input is laid out.</summary>
    public abstract string Description { get; }

    /// <summary>Feeds one input to the parser(s). Must not keep state between calls.</summary>
    public abstract void Run(byte[] input);

    /// <summary>
    /// The documented failure of the API: our <see cref="ImageDslException"/> (user errors name what is
    /// wrong). Targets whose API documents another type add it.
    /// </summary>
    public virtual bool IsExpected(Exception error) => error is ImageDslException;

    /// <summary>The first input byte chooses a mode; the rest is the payload.</summary>
    protected static (int Mode, byte[] Payload) Split(byte[] input, int modes) =>
        input.Length == 0 ? (0, []) : (input[0] % modes, input[1..]);
}
