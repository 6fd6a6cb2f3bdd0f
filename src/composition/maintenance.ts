import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Config } from '../config.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { Database } from '../ports/database.port.ts';
import { sweepBlobLeftovers } from '../pipeline/blob-leftovers.sweep.ts';
import { PostgresBlobReferences } from '../../adapters/postgres/postgres.blob-references.ts';
import type { DataDir } from './data-dir.ts';

export interface Maintenance {
  /** Set the scanner gauge (the pipeline's ScannerWatch reports here). */
  scannerChanged(up: boolean): void;
  /** The sweep started at boot (resolves when it ended, successfully or not). */
  firstSweep: Promise<void>;
  close(): Promise<void>;
}

/**
 * Housekeeping of one server process: sweeps of crash leftovers at start and every
 * SWEEP_INTERVAL_SECONDS (partial uploads and unreferenced blobs older than
 * SWEEP_SAFETY_MARGIN_SECONDS, counted in `voicefiles_sweep_removed_total{kind}`), keeping the
 * data directory's modes private, and the `voicefiles_scanner_up` gauge.
 */
export function startMaintenance(config: Config, deps: { blobs: BlobStore; db: Database; registry: Registry; dataDir: DataDir | null; logger: Logger }): Maintenance {
  const removed = new Counter({
    name: 'voicefiles_sweep_removed_total',
    help: 'Crash leftovers removed by sweeps, by kind: incomplete (partial writes) or unreferenced (blobs no record points at)',
    labelNames: ['kind'],
    registers: [deps.registry],
  });
  for (const kind of ['incomplete', 'unreferenced']) removed.inc({ kind }, 0);
  const scannerUp = new Gauge({ name: 'voicefiles_scanner_up', help: 'Whether the virus scanner answered its last ping (1) or not (0)', registers: [deps.registry] });
  const logger = deps.logger.child({ component: 'sweep' });
  const references = new PostgresBlobReferences(deps.db);

  let running: Promise<void> = Promise.resolve();
  const sweep = async () => {
    try {
      const result = await sweepBlobLeftovers({ blobs: deps.blobs, references }, { safetyMarginMs: config.sweep.safetyMarginSeconds * 1000 });
      removed.inc({ kind: 'incomplete' }, result.incomplete);
      removed.inc({ kind: 'unreferenced' }, result.unreferenced);
      const tightened = (await deps.dataDir?.tighten()) ?? 0;
      const level = result.incomplete + result.unreferenced > 0 ? 'info' : 'debug';
      logger[level]({ ...result, modes_tightened: tightened }, 'swept crash leftovers');
    } catch (error) {
      logger.warn({ err: error }, 'the sweep of crash leftovers failed; it runs again at the next interval');
    }
  };
  const firstSweep = (running = sweep());
  const timer = setInterval(() => {
    running = running.then(sweep);
  }, config.sweep.intervalSeconds * 1000);
  timer.unref();

  return {
    scannerChanged: (up) => scannerUp.set(up ? 1 : 0),
    firstSweep,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
