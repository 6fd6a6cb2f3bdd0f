import { HELP_OPTION, parseCommandArgs } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { line } from './output.ts';
import { untilStopSignal } from './stop-signal.ts';

const HELP = `Usage: voicefiles worker

Run processing-pipeline jobs (scan, extract, transcribe, index) in this process,
against the same Postgres server (DATABASE_URL) and storage as the API nodes.
Start as many as you like, on any machines; set PIPELINE_WORKERS=false on API
nodes that should only take uploads. Stops on Ctrl-C (SIGINT) or SIGTERM,
letting running jobs finish (SHUTDOWN_GRACE_SECONDS).

Options:
  -h, --help   show this help
`;

const OPTIONS = { ...HELP_OPTION } as const;

export const workerCommand: Command = {
  name: 'worker',
  summary: 'run pipeline jobs in this process (needs DATABASE_URL)',
  help: HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, OPTIONS, { min: 0, max: 0, help: HELP });
    if (values.help) {
      ctx.stdout.write(HELP);
      return EXIT.ok;
    }
    if (!ctx.launcher) throw new Error('worker runs pipeline jobs in this process: start it through bin/voicefiles.js (npx voicefiles worker)');
    const worker = await ctx.launcher.startWorker();
    line(ctx.stderr, 'Voicefiles worker running (Ctrl-C to stop)');
    await untilStopSignal();
    await worker.close();
    return EXIT.ok;
  },
};
