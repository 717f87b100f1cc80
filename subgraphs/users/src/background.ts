import type { BackgroundWork } from '@fedshop/subgraph-kit';

/** Several pieces of background work closed as one, all of them even when one fails. */
export function combineBackground(works: readonly BackgroundWork[]): BackgroundWork {
  return {
    close: async () => {
      const results = await Promise.allSettled(works.map((work) => work.close()));
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
