using ImageDsl;

namespace ImageDsl.Samples;

/// <summary>The smallest useful image: one package, a non-root user, and how to run it.</summary>
[Image("hello-minimal")]
[Package(Packages.HelloWorld)]
[User("hello", Uid = 65532, Gid = 65532, Home = "/home/hello")]
[Group("hello", Gid = 65532)]
[RunAs("hello")]
[Env("GREETING", "hello from ImageDsl")]
[WorkDir("/home/hello")]
[Entrypoint("/usr/bin/hello")]
public partial class HelloMinimal : SampleRepository;
