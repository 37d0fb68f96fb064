using ImageDsl.Tool.Cli;
using ImageDsl.Tool.TestHost;

return await ImageCli.RunAsync(args, null, null, CancellationToken.None, [ProgressDemoCommand.Create()]);
