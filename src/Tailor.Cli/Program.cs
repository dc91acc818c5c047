// libtorch allocates and frees large tensors every step: keep freed memory for reuse (see NativeMemory).
Tailor.Engine.Runtime.NativeMemory.KeepFreedMemoryForReuse();
return Tailor.Cli.TailorCli.Run(args);
