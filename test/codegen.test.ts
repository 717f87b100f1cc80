import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

type CodegenConfig = Extract<Parameters<typeof generate>[0], { generates: unknown }>;

/**
 * The committed resolver types must be what `npm run codegen` writes from the committed
 * schemas; otherwise resolvers are type-checked against a schema that no longer exists.
 * Compared raw: the generated files are not run through prettier (see .prettierignore).
 */
describe('GraphQL Code Generator output', () => {
  it('when codegen.yml is run in memory, then every committed generated file is identical', async () => {
    const config = parse(await readFile(join(repoRoot, 'codegen.yml'), 'utf8')) as CodegenConfig;
    const outputs: { filename: string; content: string }[] = await generate(
      { ...config, cwd: repoRoot, silent: true },
      false,
    );

    const expected = Object.keys(config.generates).sort();
    expect(outputs.map(({ filename }) => filename).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(3);

    const stale: string[] = [];
    for (const { filename, content } of outputs) {
      const committed = await readFile(join(repoRoot, filename), 'utf8').catch(() => undefined);
      if (committed !== content)
        stale.push(committed === undefined ? `${filename} (missing)` : filename);
    }
    expect(stale, 'run `npm run codegen` and commit the result').toEqual([]);
  }, 60_000);
});
