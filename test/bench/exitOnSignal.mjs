// Preloaded (`node --import`) into a reference server when it is profiled: those servers do not exit
// on SIGTERM by themselves, and `--cpu-prof` writes its profile only on a normal exit.
process.once('SIGTERM', () => process.exit(0));
