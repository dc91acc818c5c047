return Tailor.Cli.TailorCli.Run(args);
