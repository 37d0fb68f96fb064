// A minimal API that says hello and tells who and where it runs, so a test (and you) can check that the
// image's user, work-dir and environment reached the process.
using WebApi;

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
WebApplication app = builder.Build();

app.MapGet("/", () => (Environment.GetEnvironmentVariable("GREETING") ?? "Hello") + "\n");
app.MapGet("/whoami", () => RunningProcess.Describe());

app.Run();
