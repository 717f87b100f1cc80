import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allServices } from '../../scripts/lib/services.js';
import { repoRoot } from './compose-file.js';

const packages = allServices.map(({ name, dir, defaultPort }) => ({
  name,
  dir,
  port: defaultPort,
}));

/** Instructions with their line continuations joined, comments dropped. */
function instructions(dockerfile: string): { keyword: string; args: string }[] {
  return dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

describe.each(packages)('$dir/Dockerfile', ({ name, dir, port }) => {
  const path = join(repoRoot, dir, 'Dockerfile');
  const steps = existsSync(path) ? instructions(readFileSync(path, 'utf8')) : [];
  const stages = steps.filter((step) => step.keyword === 'FROM');
  const finalStage = steps.slice(steps.lastIndexOf(stages.at(-1)!));

  it('when built, then a build stage compiles and a separate final stage runs', () => {
    expect(existsSync(path)).toBe(true);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]?.args).toMatch(/^node:\S+ AS build$/i);
    expect(stages.at(-1)?.args).toMatch(/^node:/);
    const buildSteps = steps.slice(0, steps.indexOf(stages.at(-1)!)).map((step) => step.args);
    expect(buildSteps.some((args) => args.includes('npm ci'))).toBe(true);
    expect(buildSteps.some((args) => args.includes(`tsc -b ${dir}`))).toBe(true);
    expect(
      finalStage.some((step) => step.keyword === 'COPY' && step.args.includes('--from=build')),
    ).toBe(true);
  });

  it('when the final stage runs, then it is not root', () => {
    const users = finalStage.filter((step) => step.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)?.args).not.toMatch(/^(root|0)(:|$)/);
  });

  it('when the container starts, then CMD runs the compiled counterpart of the package entry', () => {
    const cmd = finalStage.filter((step) => step.keyword === 'CMD').at(-1);
    expect(cmd).toBeDefined();
    const argv = JSON.parse(cmd!.args) as string[];
    expect(argv).toEqual(['node', `${dir}/dist/index.js`]);
    const source = argv[1]!.replace('/dist/', '/src/').replace(/\.js$/, '.ts');
    expect(existsSync(join(repoRoot, source)), source).toBe(true);
  });

  it('when it runs, then it exposes its port and checks /readyz', () => {
    expect(finalStage.some((step) => step.keyword === 'EXPOSE' && step.args === String(port))).toBe(
      true,
    );
    const healthcheck = finalStage.find((step) => step.keyword === 'HEALTHCHECK');
    expect(healthcheck?.args).toContain('/readyz');
    expect(finalStage.some((step) => step.args.includes('NODE_ENV=production'))).toBe(true);
  });

  it('when the production tree is assembled, then no development-only workspace is in it', () => {
    const runtime = execFileSync(
      process.execPath,
      ['scripts/lib/production-workspaces.mjs', `@fedshop/${name}`],
      { cwd: repoRoot, encoding: 'utf8' },
    )
      .trim()
      .split('\n');
    expect(runtime).toContain(dir);
    for (const devOnly of ['shared/embedded-mongo', 'shared/testing', 'shared/composition']) {
      expect(runtime, devOnly).not.toContain(devOnly);
    }
  });

  it('when the production tree is assembled, then only this workspace is installed', () => {
    expect(steps.some((step) => step.args.includes(`deploy-workspace.sh @fedshop/${name}`))).toBe(
      true,
    );
  });
});

describe('.dockerignore', () => {
  it('when the context is sent, then local installs, builds, data and git history stay out', () => {
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim());
    for (const entry of ['**/node_modules', '**/dist', '.data', '.git', '**/*.tsbuildinfo']) {
      expect(ignored, entry).toContain(entry);
    }
  });

  it('when the gateway image is built, then the committed supergraph is in the context', () => {
    const gateway = readFileSync(join(repoRoot, 'gateway/Dockerfile'), 'utf8');
    expect(gateway).toContain('supergraph.graphql');
    expect(gateway).toMatch(/SUPERGRAPH_PATH=\/app\/supergraph\.graphql/);
  });
});
