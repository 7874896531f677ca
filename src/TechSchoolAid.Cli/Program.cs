// tsa: the batch commands of TechSchoolAid (TsaCommandLine declares them). Configuration comes from the same keys as the
// web host, as environment variables or appsettings.json in the current folder (Database__Provider,
// ConnectionStrings__Default, Security__DataKey, Security__IndexKey, Demo__Enabled …).
return await TechSchoolAid.Cli.TsaCommandLine.RunAsync(args);
