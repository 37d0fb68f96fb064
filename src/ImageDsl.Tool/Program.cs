using ImageDsl.Tool.Cli;

return await ImageCli.RunAsync(args);
