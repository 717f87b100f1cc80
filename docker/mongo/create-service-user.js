/* global db, print, process -- mongosh globals: this file runs in the mongo image, not in Node */
// Run by the mongo:7 image on its first start (empty data directory) from
// /docker-entrypoint-initdb.d, as the root user of MONGO_INITDB_ROOT_USERNAME: creates the one
// user the service may use, allowed its own database only. The password comes from the
// container's environment, never from this file or a command line. Changing it later takes
// `db.updateUser` (or a fresh volume): this script does not run again.
const dbName = process.env.SERVICE_DB_NAME;
const username = process.env.SERVICE_DB_USERNAME;
const password = process.env.SERVICE_DB_PASSWORD;
if (!dbName || !username || !password) {
  throw new Error('SERVICE_DB_NAME, SERVICE_DB_USERNAME and SERVICE_DB_PASSWORD must all be set');
}
db.getSiblingDB(dbName).createUser({
  user: username,
  pwd: password,
  roles: [{ role: 'readWrite', db: dbName }],
  mechanisms: ['SCRAM-SHA-256'],
});
print(`created user ${username} on ${dbName}`);
