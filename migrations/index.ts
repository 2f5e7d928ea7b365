import type { MigrationSet } from '../src/platform/db/migrate.js';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_countries.js';
import * as m0003 from './0003_indicators.js';
import * as m0004 from './0004_marketplaces.js';
import * as m0005 from './0005_regulation.js';
import * as m0006 from './0006_drop_origin_rollup.js';
import * as m0007 from './0007_regulation_escap.js';
import * as m0008 from './0008_digital_stri.js';
import * as m0009 from './0009_source_imported_at.js';
import * as m0010 from './0010_puente_meta.js';
import * as m0011 from './0011_data_version.js';
import * as m0012 from './0012_facilitation.js';
import * as m0013 from './0013_support.js';
import * as m0014 from './0014_directory.js';
import * as m0015 from './0015_processes.js';
import * as m0016 from './0016_accounts.js';
import * as m0018 from './0018_tariffs.js';
import * as m0017 from './0017_workflow.js';
import * as m0020 from './0020_auth_throttle_oidc.js';

export const migrations: MigrationSet = {
  '0001_platform': m0001,
  '0002_countries': m0002,
  '0003_indicators': m0003,
  '0004_marketplaces': m0004,
  '0005_regulation': m0005,
  '0006_drop_origin_rollup': m0006,
  '0007_regulation_escap': m0007,
  '0008_digital_stri': m0008,
  '0009_source_imported_at': m0009,
  '0010_puente_meta': m0010,
  '0011_data_version': m0011,
  '0012_facilitation': m0012,
  '0013_support': m0013,
  '0014_directory': m0014,
  '0015_processes': m0015,
  '0016_accounts': m0016,
  '0017_workflow': m0017,
  '0018_tariffs': m0018,
  '0020_auth_throttle_oidc': m0020,
};
