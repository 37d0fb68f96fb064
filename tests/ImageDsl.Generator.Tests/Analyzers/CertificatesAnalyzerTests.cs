using Verify = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.CertificatesAnalyzer>;

namespace ImageDsl.Tests.Analyzers;

public class CertificatesAnalyzerTests
{
    private const string Pem = "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n";

    [Fact]
    public Task Valid_certificates_are_fine() => Verify.VerifyAsync($$"""
        using ImageDsl;
        [Image("a")] [Certificate("corp-root.crt", "{{Pem}}")] [CertificateProvider("ca-certificates")] public partial class A;
        """);

    [Fact]
    public Task Bad_names_and_contents_are_errors() => Verify.VerifyAsync($$"""
        using ImageDsl;
        [Image("a")]
        [Certificate({|#0:"corp/root"|}, "{{Pem}}")]
        [Certificate("two", {|#1:"{{Pem}}{{Pem}}"|})]
        [Certificate("none", {|#2:"hello"|})]
        [Certificate({|#3:"two"|}, "{{Pem}}")]
        [CertificateProvider({|#4:""|})]
        public partial class A;
        """,
        Verify.Diagnostic("IMG0023").WithLocation(0).WithArguments("certificate", "corp/root"),
        Verify.Diagnostic("IMG0033").WithLocation(1).WithArguments("the certificate 'two' must hold exactly one PEM block from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----"),
        Verify.Diagnostic("IMG0033").WithLocation(2).WithArguments("the certificate 'none' must hold exactly one PEM block from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----"),
        Verify.Diagnostic("IMG0034").WithLocation(3).WithArguments("the certificate name 'two' is used more than once"),
        Verify.Diagnostic("IMG0034").WithLocation(4).WithArguments("the certificate provider name is empty"));
}
