/**
 * `npm run queues -- <command>`: job counts per queue, the failed jobs of a queue, and
 * their replay (one id, or all of a queue), on the queues under REDIS_URL and QUEUE_PREFIX.
 * `npm run queues -- help` prints the commands.
 */
import { queuesUsage, runQueuesCli } from './lib/queues/queues-cli.js';

const argv = process.argv.slice(2);
if (argv[0] === 'help' || argv.includes('--help')) {
  process.stdout.write(`${queuesUsage}\n`);
} else {
  process.exitCode = await runQueuesCli(argv, process.env, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}
