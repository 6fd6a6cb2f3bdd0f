import { HELP_OPTION, parseCommandArgs } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { line } from './output.ts';
import { untilStopSignal } from './stop-signal.ts';

const HELP = `Usage: voicefiles serve

Start the Voicefiles server in this process (the same as npm start).
Configured by environment variables: HOST, PORT, VOICEFILES_DATA_DIR, DATABASE_URL, ...
Stops on Ctrl-C (SIGINT) or SIGTERM.

Options:
  -h, --help   show this help
`;

const OPTIONS = { ...HELP_OPTION } as const;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the server in this process',
  help: HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, OPTIONS, { min: 0, max: 0, help: HELP });
    if (values.help) {
      ctx.stdout.write(HELP);
      return EXIT.ok;
    }
    if (!ctx.launcher) throw new Error('serve runs the server in this process: start it through bin/voicefiles.js (npx voicefiles serve) or npm start');
    const running = await ctx.launcher.startServer();
    line(ctx.stderr, `Voicefiles is listening on ${running.url} (Ctrl-C to stop)`);
    await untilStopSignal();
    await running.close();
    return EXIT.ok;
  },
};
