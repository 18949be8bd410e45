// `npm run printer:virtual`: a pretend network receipt printer on 127.0.0.1 for development.
// Point the kiosk's printer at tcp://127.0.0.1:9100; every job is decoded and drawn, and its
// PNG path printed, so you can see the badge without paper.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { plainText } from '../core/printing/virtual/document.js';
import { startVirtualPrinter } from '../core/printing/virtual/server.js';

const USAGE = 'usage: node dist/scripts/printerVirtual.js [--port 9100] [--model epson|star] [--paper 80|58] [--dir ./printer-jobs]';

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '9100' },
      model: { type: 'string', default: 'epson' },
      paper: { type: 'string', default: '80' },
      dir: { type: 'string', default: './printer-jobs' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  if (values.model !== 'epson' && values.model !== 'star') throw new Error(`--model must be epson or star, got ${values.model}`);
  if (values.paper !== '80' && values.paper !== '58') throw new Error(`--paper must be 80 or 58, got ${values.paper}`);
  const dir = path.resolve(values.dir);

  const printer = await startVirtualPrinter({ host: '127.0.0.1', port, model: values.model, dir, paperWidthMm: values.paper === '58' ? 58 : 80 });
  console.log(`Virtual ${printer.model} printer (${values.paper} mm) listening on ${printer.url}; jobs go to ${dir}`);

  printer.onJob((job) => {
    const doc = job.document;
    const firstLine = plainText(doc).split('\n').find((l) => l.trim() !== '') ?? '';
    const problems = doc.unknown.length + doc.warnings.length;
    const state = job.complete ? 'complete' : `INCOMPLETE (${job.ending})`;
    const where = job.files?.png ?? `(not drawn: ${job.renderError ?? 'no folder'})`;
    console.log(`job ${job.id}: ${job.bytes.length} bytes, ${state}, ${problems ? `${problems} problem(s), ` : ''}"${firstLine.trim().slice(0, 40)}" → ${where}`);
  });

  const stop = async () => {
    await printer.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  console.error(USAGE);
  process.exit(1);
});
