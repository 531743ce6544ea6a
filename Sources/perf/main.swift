import PerfCLI

await Perf.start()
