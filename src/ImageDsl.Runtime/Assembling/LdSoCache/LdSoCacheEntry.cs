namespace ImageDsl.Assembling.LdSoCache;

/// <summary>One library in the cache: the name ld.so looks up and the file it maps to.</summary>
/// <param name="Key">The library name (the soname, or the `.so` link name), e.g. `libz.so.1`.</param>
/// <param name="Path">The absolute path in the image, e.g. `/usr/lib/libz.so.1`.</param>
/// <param name="Flags">FLAG_ELF_LIBC6 plus the ABI bits (<see cref="CacheFlags"/>).</param>
public sealed record LdSoCacheEntry(string Key, string Path, int Flags);
