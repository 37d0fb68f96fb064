using ImageDsl;

namespace ImageDsl.Samples;

/// <summary>
/// A service bundle: the build adds the s6 package and runs `/bin/s6-svscan /sv`, with one run script per
/// service. (The sample repository's s6 is a stand-in that starts each service once.)
/// </summary>
[Image("hello-services")]
[Package(Packages.HelloWorld)]
[Service("greeter", "/usr/bin/hello")]
[Service("motd", "cat /etc/motd")]
[Directory("/var/log/hello", Mode = "0755")]
public partial class HelloServices : SampleRepository;
