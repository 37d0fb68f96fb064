namespace ImageDsl.Formats.Tar;

/// <summary>
/// The two header conventions <see cref="DeterministicTarWriter"/> reproduces byte for byte. They
/// share the block layout, checksum, PAX record encoding and padding; they differ only in when a PAX
/// header is needed, how it is named, and how values that do not fit are written.
/// </summary>
public enum TarDialect
{
    /// <summary>
    /// Go's `archive/tar` as apko drives it (image layers, OCI layout tars): USTAR when every field
    /// fits (long ASCII names split into prefix/name), otherwise a PAX header named
    /// `&lt;dir&gt;/PaxHeaders.0/&lt;file&gt;` with sorted records; the end marker on dispose.
    /// </summary>
    GoArchiveTar,

    /// <summary>
    /// abuild's package tars: no prefix split, a PAX header named `PaxHeaders/&lt;file&gt;` only for
    /// names/links over 100 bytes, oversized numbers or asked-for records (in order); numbers that do
    /// not fit are clamped in the ustar header; no end marker unless <see cref="DeterministicTarWriter.Finish"/>
    /// is called (control and signature tars are cut without one so they concatenate).
    /// </summary>
    Abuild,
}
