using ImageDsl.Tool.Cli;

// The native build cannot load a C# project's assembly; its framework-dependent copy reads projects (ManagedHandOff).
if (ManagedHandOff.IsNativeBuild && ManagedHandOff.ReadsProject(args))
{
    return ManagedHandOff.Run(args);
}
return await ImageCli.RunAsync(args);
