using System;
using System.Collections.Immutable;
using System.Linq;
using ImageDsl.Generator.Helpers;
using ImageDsl.Generator.Model;

namespace ImageDsl.Generator.Locking;

/// <summary>
/// The project's readable lock files, by the image they are named after. Equal when the lock files are, so a
/// lock file edit re-emits only the image it belongs to.
/// </summary>
internal sealed class LockIndex : IEquatable<LockIndex>
{
    private readonly EquatableArray<LockSpec> _locks;

    public LockIndex(ImmutableArray<LockSpec?> locks) =>
        _locks = locks.Where(l => l is not null).Select(l => l!).ToEquatableArray();

    /// <summary>The lock file <c>&lt;imageName&gt;.lock.json</c>; null when there is none, or several (in different folders) and so no single plan.</summary>
    public LockSpec? For(string imageName)
    {
        LockSpec? found = null;
        foreach (LockSpec spec in _locks)
        {
            if (string.Equals(spec.ImageName, imageName, StringComparison.Ordinal))
            {
                if (found is not null)
                {
                    return null;
                }
                found = spec;
            }
        }
        return found;
    }

    public bool Equals(LockIndex? other) => other is not null && _locks.Equals(other._locks);

    public override bool Equals(object? obj) => Equals(obj as LockIndex);

    public override int GetHashCode() => _locks.GetHashCode();
}
