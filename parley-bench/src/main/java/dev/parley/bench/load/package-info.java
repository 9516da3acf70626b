/**
 * The out-of-process load benchmark ({@code bench/run load}): a lean NIO WebSocket load generator speaking the v1
 * frames ({@link dev.parley.bench.load.LoadBenchmark}), a storage-free relay to measure it against
 * ({@link dev.parley.bench.load.RelayServer}), and what it observes of the server process from outside
 * ({@link dev.parley.bench.load.ServerProbe}).
 */
package dev.parley.bench.load;
