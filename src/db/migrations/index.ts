import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-identity.js';
import * as m0002 from './0002-resource-groups.js';
import * as m0003 from './0003-access.js';
import * as m0004 from './0004-resources.js';
import * as m0005 from './0005-jobs.js';
import * as m0006 from './0006-instance-configuration.js';
import * as m0007 from './0007-job-submitters.js';
import * as m0008 from './0008-sessions.js';
import * as m0009 from './0009-federation.js';
import * as m0010 from './0010-federation-issuer.js';
import * as m0011 from './0011-instance-usage.js';

/** Every migration, in order. A static list (not a directory scan) so nothing depends on the file layout at run time. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-identity': m0001,
  '0002-resource-groups': m0002,
  '0003-access': m0003,
  '0004-resources': m0004,
  '0005-jobs': m0005,
  '0006-instance-configuration': m0006,
  '0007-job-submitters': m0007,
  '0008-sessions': m0008,
  '0009-federation': m0009,
  '0010-federation-issuer': m0010,
  '0011-instance-usage': m0011,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
