/**
 * `npm run seed`: the admin account (users) and the demo products (products), against
 * each service's configured `*_MONGODB_URI` or its embedded store under DATA_DIR.
 * Idempotent: an existing admin and existing demo skus are left as they are.
 */
import { resolve } from 'node:path';
import { defaultDataDir } from '@fedshop/config';
import { loadProductsConfig, seedProducts } from '@fedshop/products';
import { loadUsersConfig, seedUsers } from '@fedshop/users';
import { findCause, messageOf } from './lib/describe-failure.js';
import { makeDataDirPrivate } from './lib/private-data-dir.js';
import { announce, complain } from './lib/launcher-output.js';

/** The code `@fedshop/embedded-mongo` gives a dbpath another process holds. */
const dbPathInUse = 'DBPATH_IN_USE';

try {
  const dataDir = resolve(process.env.DATA_DIR || defaultDataDir);
  await makeDataDirPrivate(dataDir);
  const env = { ...process.env, DATA_DIR: dataDir };

  const usersConfig = loadUsersConfig(env);
  const productsConfig = loadProductsConfig(env);

  const admin = await seedStep('users', 'USERS_MONGODB_URI', () => seedUsers(usersConfig));
  announce(
    usersConfig.seedAdmin === null
      ? 'admin: SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD not set, skipped'
      : `admin ${usersConfig.seedAdmin.email}: ${admin.created ? 'created' : 'already there'}`,
  );
  const products = await seedStep('products', 'PRODUCTS_MONGODB_URI', () =>
    seedProducts(productsConfig),
  );
  announce(`demo products: ${products.inserted} added`);
} catch (error) {
  complain(messageOf(error));
  process.exitCode = 1;
}

/** Runs one service's seeding; a locked embedded store gets an explanation, not a stack. */
async function seedStep<T>(
  service: string,
  uriVariable: string,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const inUse = findCause(error, dbPathInUse) as { dir?: string; pid?: number } | undefined;
    if (inUse) {
      throw new Error(
        `The ${service} database in ${inUse.dir} is in use by process ${inUse.pid} (a running \`npm start\`?): ` +
          `stop it first, or point ${uriVariable} at a MongoDB server.`,
        { cause: error },
      );
    }
    throw new Error(`Seeding ${service} failed: ${messageOf(error)}`, { cause: error });
  }
}
