import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@fedshop/logger';

export interface SupergraphFromFileOptions {
  /** Absolute path of the supergraph SDL (`SUPERGRAPH_PATH`). */
  path: string;
  logger: Logger;
  /**
   * Quiet time after the last file event before reloading.
   * @defaultValue `defaultReloadDebounceMs`
   */
  debounceMs?: number;
  /** Set false to load the file once and never watch it. @defaultValue `true` */
  watch?: boolean;
}

/** Editors save in several writes (truncate, write, rename); wait for them to settle. */
export const defaultReloadDebounceMs = 250;

/**
 * The `supergraphSdl` hook of ApolloGateway for a supergraph file: loads it at start-up
 * (failing start-up when it cannot be read) and hot-reloads it on change. A change that
 * does not load leaves the previous schema serving and is logged.
 */
export function supergraphFromFile({
  path,
  logger,
  debounceMs = defaultReloadDebounceMs,
  watch: watchFile = true,
}: SupergraphFromFileOptions): SupergraphSdlHook {
  return async ({ update }) => {
    const supergraphSdl = await readSupergraph(path);
    if (!watchFile) return { supergraphSdl };

    let lastSeen = supergraphSdl;
    let timer: NodeJS.Timeout | undefined;
    const reload = async () => {
      let changed: string;
      try {
        changed = await readFile(path, 'utf8');
      } catch (error) {
        logger.error(
          { err: error, path },
          'cannot read the supergraph; still serving the previous one',
        );
        return;
      }
      if (changed === lastSeen) return;
      lastSeen = changed;
      try {
        update(changed);
        logger.info({ path }, 'supergraph reloaded');
      } catch (error) {
        logger.error(
          { err: error, path },
          'the changed supergraph does not load; still serving the previous one',
        );
      }
    };

    // Watch the directory, not the file: an editor's save-by-rename replaces the file's
    // inode, and a Kubernetes ConfigMap swaps a `..data` symlink beside it. Any event in the
    // directory triggers a (debounced) read; unchanged content is ignored.
    const watcher: FSWatcher = watch(dirname(path), () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), debounceMs);
    });
    watcher.on('error', (error) => logger.error({ err: error, path }, 'supergraph watch failed'));
    logger.info({ path }, 'watching the supergraph for changes');

    return {
      supergraphSdl,
      cleanup: async () => {
        clearTimeout(timer);
        watcher.close();
      },
    };
  };
}

async function readSupergraph(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the supergraph at ${path} (SUPERGRAPH_PATH): ${(error as Error).message}. ` +
        'Run `npm run compose` to write it.',
      { cause: error },
    );
  }
}
