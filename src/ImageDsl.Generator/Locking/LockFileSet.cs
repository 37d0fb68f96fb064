using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ImageDsl.Generator.Declarations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Locking;

/// <summary>
/// A compilation's lock files (<c>AdditionalFiles</c> named <c>*.lock.json</c>) and which apply to an image:
/// <c>&lt;image name&gt;.lock.json</c> when there is one, else every lock file not named after an image of the
/// project. Files are read once, on first use.
/// </summary>
internal sealed class LockFileSet
{
    public const string Suffix = ".lock.json";

    private readonly IReadOnlyList<AdditionalText> _files;
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, Lazy<LockFileRead>> _reads = new ConcurrentDictionary<string, Lazy<LockFileRead>>(StringComparer.Ordinal);
    private readonly Lazy<HashSet<string>> _imageNames;

    public LockFileSet(IEnumerable<AdditionalText> files, Compilation compilation, CancellationToken cancellationToken)
    {
        _files = files.Where(IsLockFile).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        _compilation = compilation;
        _imageNames = new Lazy<HashSet<string>>(() => ImageNames(_compilation, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsEmpty => _files.Count == 0;

    public static bool IsLockFile(AdditionalText file) =>
        file.Path.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) && System.IO.Path.GetFileName(file.Path).Length > Suffix.Length;

    /// <summary>The file read (or why it could not be).</summary>
    public LockFileRead Read(AdditionalText file, CancellationToken cancellationToken) =>
        _reads.GetOrAdd(file.Path, _ => new Lazy<LockFileRead>(() => LockFileRead.From(file, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The readable lock files that apply to the image named <paramref name="imageName"/>.</summary>
    public IReadOnlyList<LockFileContents> For(string imageName, CancellationToken cancellationToken)
    {
        List<AdditionalText> own = _files.Where(f => Stem(f) == imageName).ToList();
        IEnumerable<AdditionalText> applying = own.Count > 0 ? own : _files.Where(f => !_imageNames.Value.Contains(Stem(f)));
        return applying.Select(f => Read(f, cancellationToken).Contents).Where(c => c != null).Select(c => c!).ToList();
    }

    /// <summary>
    /// The image's own lock file (<c>&lt;image name&gt;.lock.json</c>), the one its build plan is compiled from, and
    /// its folder; null when there is none, it cannot be read, or there are several.
    /// </summary>
    public (LockFileContents Contents, string Folder)? Own(string imageName, CancellationToken cancellationToken)
    {
        List<AdditionalText> own = _files.Where(f => Stem(f) == imageName).ToList();
        if (own.Count != 1 || Read(own[0], cancellationToken).Contents is not { } contents)
        {
            return null;
        }
        string folder = System.IO.Path.GetDirectoryName(own[0].Path) ?? "";
        return (contents, folder.Length == 0 ? "." : folder);
    }

    private static string Stem(AdditionalText file)
    {
        string name = System.IO.Path.GetFileName(file.Path);
        return name.Substring(0, name.Length - Suffix.Length);
    }

    private static HashSet<string> ImageNames(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            INamespaceOrTypeSymbol current = pending.Pop();
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    pending.Push(ns);
                }
                else if (member is INamedTypeSymbol type)
                {
                    pending.Push(type);
                    if (ClassDeclarationReader.HasImageAttribute(type)
                        && ClassDeclarationReader.Read(type, cancellationToken).ImageName?.Value is { Length: > 0 } name)
                    {
                        names.Add(name);
                    }
                }
            }
        }
        return names;
    }
}

/// <summary>A lock file as read: its contents, or the error that stopped reading it.</summary>
internal sealed class LockFileRead
{
    private LockFileRead(LockFileContents? contents, MiniJsonException? error)
    {
        Contents = contents;
        Error = error;
    }

    public LockFileContents? Contents { get; }

    public MiniJsonException? Error { get; }

    public static LockFileRead From(AdditionalText file, CancellationToken cancellationToken)
    {
        string fileName = System.IO.Path.GetFileName(file.Path);
        string? text = file.GetText(cancellationToken)?.ToString();
        if (text is null)
        {
            return new LockFileRead(null, new MiniJsonException("the file cannot be read", 1, 1));
        }
        try
        {
            return new LockFileRead(LockFileContents.Parse(fileName, text), null);
        }
        catch (MiniJsonException error)
        {
            return new LockFileRead(null, error);
        }
    }
}
